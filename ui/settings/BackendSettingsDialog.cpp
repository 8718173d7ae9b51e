#include "BackendSettingsDialog.h"

#include "aws/CredentialChain.h"
#include "aws/Credentials.h"
#include "aws/KeychainCredentialStore.h"
#include "domain/AwsRegion.h"
#include "store/Workspace.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace warroom::ui {

using sync::BackendSettings;
using sync::ConnectionReport;

BackendSettingsDialog::BackendSettingsDialog(store::Workspace &workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_tester(new sync::ConnectionTester(this))
    , m_keychain(new aws::KeychainCredentialStore(this))
{
    setObjectName(u"backendSettingsDialog"_s);
    setWindowTitle(tr("Backend Settings"));
    build();
    load(BackendSettings::load(m_workspace.database()));
    connect(m_tester, &sync::ConnectionTester::finished, this, &BackendSettingsDialog::showReport);
}

BackendSettingsDialog::~BackendSettingsDialog() = default;

void BackendSettingsDialog::build()
{
    auto *kindBox = new QGroupBox(tr("Where this workspace's cases live"), this);
    m_embeddedRadio = new QRadioButton(tr("&Embedded: in this computer (no server)"), kindBox);
    m_embeddedRadio->setObjectName(u"embeddedBackendRadioButton"_s);
    m_serverRadio = new QRadioButton(tr("A &warroom-server shared by the team"), kindBox);
    m_serverRadio->setObjectName(u"serverBackendRadioButton"_s);
    m_awsRadio = new QRadioButton(tr("&AWS Security Incident Response"), kindBox);
    m_awsRadio->setObjectName(u"awsBackendRadioButton"_s);
    auto *kinds = new QButtonGroup(this);
    for (QRadioButton *radio : {m_embeddedRadio, m_serverRadio, m_awsRadio})
        kinds->addButton(radio);
    m_urlEdit = new QLineEdit(kindBox);
    m_urlEdit->setObjectName(u"serverUrlLineEdit"_s);
    m_urlEdit->setPlaceholderText(u"https://warroom.example.internal:8443"_s);
    m_regionCombo = new QComboBox(kindBox);
    m_regionCombo->setObjectName(u"regionComboBox"_s);
    m_regionCombo->addItems(domain::awsRegions());
    m_regionCombo->setToolTip(tr("The Region of your Security Incident Response membership "
                                 "(for a warroom-server: the Region it signs for)."));
    auto *kindLayout = new QFormLayout(kindBox);
    kindLayout->addRow(m_embeddedRadio);
    kindLayout->addRow(m_serverRadio);
    kindLayout->addRow(tr("Server &URL:"), m_urlEdit);
    kindLayout->addRow(m_awsRadio);
    kindLayout->addRow(tr("&Region:"), m_regionCombo);

    m_keysBox = new QGroupBox(tr("Keys to sign with"), this);
    m_profileRadio
        = new QRadioButton(tr("AWS CLI &profile (environment, ~/.aws/credentials)"), m_keysBox);
    m_profileRadio->setObjectName(u"profileKeysRadioButton"_s);
    m_keychainRadio = new QRadioButton(tr("Access &keys kept in the OS keychain"), m_keysBox);
    m_keychainRadio->setObjectName(u"keychainKeysRadioButton"_s);
    auto *keySources = new QButtonGroup(this);
    keySources->addButton(m_profileRadio);
    keySources->addButton(m_keychainRadio);
    m_profileCombo = new QComboBox(m_keysBox);
    m_profileCombo->setObjectName(u"profileComboBox"_s);
    m_profileCombo->setEditable(true);
    m_profileCombo->addItem(QString());
    m_profileCombo->addItems(aws::CredentialChain().availableProfiles());
    m_profileCombo->lineEdit()->setPlaceholderText(tr("AWS_PROFILE or \"default\""));
    m_accessKeyEdit = new QLineEdit(m_keysBox);
    m_accessKeyEdit->setObjectName(u"accessKeyLineEdit"_s);
    m_accessKeyEdit->setPlaceholderText(u"AKIA..."_s);
    m_secretKeyEdit = new QLineEdit(m_keysBox);
    m_secretKeyEdit->setObjectName(u"secretKeyLineEdit"_s);
    m_secretKeyEdit->setEchoMode(QLineEdit::Password);
    m_keychainNote = new QLabel(m_keysBox);
    m_keychainNote->setObjectName(u"keychainNoteLabel"_s);
    m_keychainNote->setWordWrap(true);
    auto *keysLayout = new QFormLayout(m_keysBox);
    keysLayout->addRow(m_profileRadio);
    keysLayout->addRow(tr("Pro&file:"), m_profileCombo);
    keysLayout->addRow(m_keychainRadio);
    keysLayout->addRow(tr("Access key &ID:"), m_accessKeyEdit);
    keysLayout->addRow(tr("&Secret access key:"), m_secretKeyEdit);
    keysLayout->addRow(m_keychainNote);

    m_caBundleEdit = new QLineEdit(this);
    m_caBundleEdit->setObjectName(u"caBundleLineEdit"_s);
    m_caBundleEdit->setPlaceholderText(tr("System CAs (or AWS_CA_BUNDLE)"));
    m_caBundleButton = new QPushButton(tr("&Browse..."), this);
    m_caBundleButton->setObjectName(u"caBundleBrowsePushButton"_s);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caBundleEdit, 1);
    caRow->addWidget(m_caBundleButton);
    auto *caLabel = new QLabel(tr("HTTPS &CA bundle:"), this);
    caLabel->setBuddy(m_caBundleEdit);
    auto *httpsForm = new QFormLayout;
    httpsForm->addRow(caLabel, caRow);

    m_organizationsBox = new QGroupBox(tr("Organisation for onboarding"), this);
    m_organizationsBox->setObjectName(u"organizationsGroupBox"_s);
    m_organizationsUrlEdit = new QLineEdit(m_organizationsBox);
    m_organizationsUrlEdit->setObjectName(u"organizationsEndpointLineEdit"_s);
    m_organizationsUrlEdit->setPlaceholderText(tr("Empty: AWS Organizations itself"));
    m_organizationsUrlEdit->setToolTip(
        tr("Where the onboarding wizard reads the organisation, its OUs and the GuardDuty / "
           "Security Hub checks: empty for AWS, or an emulator such as moto_server or "
           "LocalStack (http://127.0.0.1:5000)."));
    m_organizationsProfileCombo = new QComboBox(m_organizationsBox);
    m_organizationsProfileCombo->setObjectName(u"organizationsProfileComboBox"_s);
    m_organizationsProfileCombo->setEditable(true);
    m_organizationsProfileCombo->addItem(QString());
    m_organizationsProfileCombo->addItems(aws::CredentialChain().availableProfiles());
    m_organizationsProfileCombo->lineEdit()->setPlaceholderText(tr("Empty: the keys above"));
    auto *organizationsForm = new QFormLayout(m_organizationsBox);
    organizationsForm->addRow(tr("Organi&zations endpoint URL:"), m_organizationsUrlEdit);
    organizationsForm->addRow(tr("Organizations pro&file:"), m_organizationsProfileCombo);

    m_testButton = new QPushButton(tr("&Test connection"), this);
    m_testButton->setObjectName(u"testConnectionPushButton"_s);
    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(u"connectionResultLabel"_s);
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resultLabel->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    m_resultLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    testRow->addWidget(m_resultLabel, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"backendSettingsButtonBox"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"backendSettingsOkPushButton"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(kindBox);
    layout->addWidget(m_keysBox);
    layout->addLayout(httpsForm);
    layout->addWidget(m_organizationsBox);
    layout->addLayout(testRow);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);

    for (QRadioButton *radio :
        {m_embeddedRadio, m_serverRadio, m_awsRadio, m_profileRadio, m_keychainRadio})
        connect(radio, &QRadioButton::toggled, this, &BackendSettingsDialog::updateEnabled);
    connect(m_testButton, &QPushButton::clicked, this, &BackendSettingsDialog::testConnection);
    connect(m_caBundleButton, &QPushButton::clicked, this, &BackendSettingsDialog::chooseCaBundle);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &BackendSettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &BackendSettingsDialog::reject);
}

void BackendSettingsDialog::load(const BackendSettings &settings)
{
    switch (settings.kind) {
    case BackendSettings::Kind::Embedded:
        m_embeddedRadio->setChecked(true);
        break;
    case BackendSettings::Kind::Server:
        m_serverRadio->setChecked(true);
        break;
    case BackendSettings::Kind::Aws:
        m_awsRadio->setChecked(true);
        break;
    }
    m_urlEdit->setText(settings.serverUrl.toString());
    const int region = m_regionCombo->findText(settings.region);
    m_regionCombo->setCurrentIndex(region >= 0 ? region : 0);
    m_profileCombo->setEditText(settings.profile);
    m_savedKeychainEntry = !settings.keychainEntry.isEmpty();
    (m_savedKeychainEntry ? m_keychainRadio : m_profileRadio)->setChecked(true);
    m_caBundleEdit->setText(settings.caBundle);
    m_organizationsUrlEdit->setText(settings.organizationsEndpoint.toString());
    m_organizationsProfileCombo->setEditText(settings.organizationsProfile);
    updateEnabled();
}

void BackendSettingsDialog::updateEnabled()
{
    const bool remote = !m_embeddedRadio->isChecked();
    m_urlEdit->setEnabled(m_serverRadio->isChecked());
    m_regionCombo->setEnabled(remote);
    m_keysBox->setEnabled(remote);
    m_caBundleEdit->setEnabled(remote);
    m_caBundleButton->setEnabled(remote);
    m_organizationsBox->setEnabled(remote);
    const bool keychain = m_keychainRadio->isChecked();
    m_profileCombo->setEnabled(!keychain);
    m_accessKeyEdit->setEnabled(keychain);
    m_secretKeyEdit->setEnabled(keychain);
    m_keychainNote->setText(m_savedKeychainEntry
            ? tr("Keys are saved in the keychain. Type new ones to replace them.")
            : tr("OK saves the keys in the OS keychain only, never in the workspace."));
}

BackendSettings BackendSettingsDialog::settings() const
{
    BackendSettings settings;
    settings.kind = m_serverRadio->isChecked() ? BackendSettings::Kind::Server
        : m_awsRadio->isChecked()              ? BackendSettings::Kind::Aws
                                               : BackendSettings::Kind::Embedded;
    settings.serverUrl = QUrl(m_urlEdit->text().trimmed());
    settings.region = m_regionCombo->currentText();
    settings.profile = m_profileCombo->currentText().trimmed();
    if (m_keychainRadio->isChecked())
        settings.keychainEntry = BackendSettings::defaultKeychainEntry();
    settings.caBundle = m_caBundleEdit->text().trimmed();
    settings.organizationsEndpoint = QUrl(m_organizationsUrlEdit->text().trimmed());
    settings.organizationsProfile = m_organizationsProfileCombo->currentText().trimmed();
    return settings;
}

std::optional<aws::Credentials> BackendSettingsDialog::typedKeys() const
{
    if (!m_keychainRadio->isChecked() || m_accessKeyEdit->text().trimmed().isEmpty()
        || m_secretKeyEdit->text().isEmpty())
        return std::nullopt;
    aws::Credentials keys;
    keys.accessKeyId = m_accessKeyEdit->text().trimmed();
    keys.secretAccessKey = m_secretKeyEdit->text();
    return keys;
}

void BackendSettingsDialog::testConnection()
{
    const BackendSettings current = settings();
    m_testButton->setEnabled(false);
    m_resultLabel->setText(tr("Testing the connection..."));
    std::optional<aws::Credentials> keys = typedKeys();
    const bool needsKeychain
        = current.kind != BackendSettings::Kind::Embedded && m_keychainRadio->isChecked() && !keys;
    if (!needsKeychain) {
        m_tester->start(current, m_workspace.directory(), keys);
        return;
    }
    if (!m_savedKeychainEntry) {
        showReport({ConnectionReport::Problem::BadKeys,
            tr("Enter the access key ID and the secret access key."), {}, 0});
        return;
    }
    QPointer<BackendSettingsDialog> self(this);
    m_keychain->load(
        current.keychainEntry, [self, current](const aws::KeychainCredentialStore::Result &result) {
            if (!self)
                return;
            if (!result.isOk() || !result.credentials) {
                self->showReport({ConnectionReport::Problem::BadKeys,
                    tr("The keys could not be read from the OS keychain: %1").arg(result.message()),
                    {}, 0});
                return;
            }
            self->m_tester->start(current, self->m_workspace.directory(), result.credentials);
        });
}

bool BackendSettingsDialog::isTesting() const
{
    return m_tester->isRunning();
}

QString BackendSettingsDialog::resultText() const
{
    return m_resultLabel->text();
}

void BackendSettingsDialog::showReport(const ConnectionReport &report)
{
    m_lastReport = report;
    m_testButton->setEnabled(true);
    m_resultLabel->setProperty("problem", !report.ok());
    m_resultLabel->setStyleSheet(report.ok() ? u"color: palette(text);"_s : u"color: #b3261e;"_s);
    m_resultLabel->setText(
        report.ok() ? tr("\u2714 %1").arg(report.message) : tr("\u2716 %1").arg(report.message));
    emit testFinished(report);
}

void BackendSettingsDialog::showError(const QString &text)
{
    showReport({ConnectionReport::Problem::Settings, text, {}, 0});
}

void BackendSettingsDialog::chooseCaBundle()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("CA Bundle"), m_caBundleEdit->text(),
        tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!file.isEmpty())
        m_caBundleEdit->setText(file);
}

void BackendSettingsDialog::accept()
{
    const BackendSettings chosen = settings();
    const QString bad = chosen.problem();
    if (!bad.isEmpty()) {
        showError(bad);
        return;
    }
    const std::optional<aws::Credentials> keys = typedKeys();
    const bool remote = chosen.kind != BackendSettings::Kind::Embedded;
    if (remote && !chosen.keychainEntry.isEmpty() && !keys && !m_savedKeychainEntry) {
        showError(tr("Enter the access key ID and the secret access key to keep in the "
                     "keychain, or choose a profile."));
        return;
    }
    if (!remote || !keys) {
        save(chosen);
        return;
    }
    // The keys go to the keychain first; the settings only name the entry.
    m_buttons->setEnabled(false);
    QPointer<BackendSettingsDialog> self(this);
    m_keychain->save(chosen.keychainEntry, *keys,
        [self, chosen](const aws::KeychainCredentialStore::Result &result) {
            if (!self)
                return;
            self->m_buttons->setEnabled(true);
            if (!result.isOk()) {
                self->showError(tr("The keys could not be saved in the OS keychain (%1); nothing "
                                   "was saved. Use an AWS CLI profile instead.")
                                    .arg(result.message()));
                return;
            }
            self->save(chosen);
        });
}

void BackendSettingsDialog::save(const BackendSettings &settings)
{
    QString error;
    if (!settings.save(m_workspace.database(), &error)) {
        showError(tr("The settings could not be saved: %1").arg(error));
        return;
    }
    emit applied();
    QDialog::accept();
}

} // namespace warroom::ui
