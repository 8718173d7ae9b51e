#include "NewCaseDialog.h"

#include "CaseActions.h"
#include "CaseFieldText.h"
#include "CaseFormWidgets.h"
#include "domain/Validation.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace warroom::ui {

using namespace Qt::StringLiterals;

namespace {

QPlainTextEdit *placeholder(QPlainTextEdit *edit, const QString &text)
{
    edit->setPlaceholderText(text);
    return edit;
}

} // namespace

NewCaseDialog::NewCaseDialog(CaseActions *actions, QWidget *parent)
    : QDialog(parent)
    , m_actions(actions)
{
    setObjectName(u"newCaseDialog"_s);
    setWindowTitle(tr("New case"));

    m_title = new QLineEdit(this);
    m_title->setObjectName(u"caseTitleEdit"_s);
    m_title->setPlaceholderText(tr("What happened, in a few words"));
    m_description = placeholder(
        caseform::textBox(this, u"caseDescriptionEdit"_s, 4), tr("What is known so far"));
    m_resolver = new QComboBox(this);
    m_resolver->setObjectName(u"caseResolverCombo"_s);
    m_resolver->addItem(tr("Self-managed (your team)"), int(domain::ResolverType::Self));
    m_resolver->addItem(tr("AWS-supported (AWS CIRT)"), int(domain::ResolverType::AWS));
    m_engagement = new QComboBox(this);
    m_engagement->setObjectName(u"caseEngagementCombo"_s);
    for (auto type : domain::allValues<domain::EngagementType>())
        m_engagement->addItem(domain::toString(type), int(type));
    m_reportedStart = new QDateTimeEdit(QDateTime::currentDateTimeUtc(), this);
    m_reportedStart->setObjectName(u"caseReportedStartEdit"_s);
    m_reportedStart->setTimeSpec(Qt::UTC);
    m_reportedStart->setDisplayFormat(u"yyyy-MM-dd HH:mm 'UTC'"_s);
    m_reportedStart->setCalendarPopup(true);
    m_accounts = new QLineEdit(this);
    m_accounts->setObjectName(u"caseAccountsEdit"_s);
    m_accounts->setPlaceholderText(tr("12-digit account IDs, separated by commas"));
    m_regions = new QLineEdit(this);
    m_regions->setObjectName(u"caseRegionsEdit"_s);
    m_regions->setPlaceholderText(tr("e.g. us-east-1, eu-west-1"));
    m_services = new QLineEdit(this);
    m_services->setObjectName(u"caseServicesEdit"_s);
    m_services->setPlaceholderText(tr("e.g. Amazon EC2, IAM"));
    m_threatActors = placeholder(caseform::textBox(this, u"caseThreatActorsEdit"_s, 3),
        tr("One address a line, then the user agent if known:\n203.0.113.7 curl/8.4.0"));
    m_watchers = placeholder(caseform::textBox(this, u"caseWatchersEdit"_s, 3),
        tr("One a line: email, name, job title\nalice@example.com, Alice Ng, IR lead"));
    m_tags
        = placeholder(caseform::textBox(this, u"caseTagsEdit"_s, 2), tr("One a line: key=value"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto addRow = [&](const QString &label, QWidget *field, const QString &key) {
        m_errorLabels.insert(key, caseform::addFieldRow(form, label, field, key));
    };
    addRow(tr("&Title:"), m_title, u"title"_s);
    addRow(tr("&Description:"), m_description, u"description"_s);
    addRow(tr("&Resolver:"), m_resolver, u"resolverType"_s);
    addRow(tr("&Engagement:"), m_engagement, u"engagementType"_s);
    addRow(tr("Reported &start:"), m_reportedStart, u"reportedIncidentStartDate"_s);
    addRow(tr("Impacted &accounts:"), m_accounts, u"impactedAccounts"_s);
    addRow(tr("Impacted Re&gions:"), m_regions, u"impactedAwsRegions"_s);
    addRow(tr("Impacted ser&vices:"), m_services, u"impactedServices"_s);
    addRow(tr("Threat-actor &IPs:"), m_threatActors, u"threatActorIpAddresses"_s);
    addRow(tr("&Watchers:"), m_watchers, u"watchers"_s);
    addRow(tr("Ta&gs:"), m_tags, u"tags"_s);

    m_problem = new QLabel(this);
    m_problem->setObjectName(u"newCaseProblemLabel"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_createButton = buttons->addButton(tr("Create case"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(u"createCaseButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewCaseDialog::create);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    for (QLineEdit *e : {m_title, m_accounts, m_regions, m_services})
        connect(e, &QLineEdit::textChanged, this, &NewCaseDialog::validateNow);
    for (QPlainTextEdit *e : {m_description, m_threatActors, m_watchers, m_tags})
        connect(e, &QPlainTextEdit::textChanged, this, &NewCaseDialog::validateNow);
    connect(m_reportedStart, &QDateTimeEdit::dateTimeChanged, this, &NewCaseDialog::validateNow);
    resize(620, sizeHint().height());
    validateNow();
}

domain::CreateCaseRequest NewCaseDialog::request(domain::FieldErrors *parseErrors) const
{
    domain::FieldErrors ignored;
    domain::FieldErrors &errors = parseErrors ? *parseErrors : ignored;
    domain::CreateCaseRequest r;
    r.title = m_title->text().trimmed();
    r.description = m_description->toPlainText().trimmed();
    r.resolverType = domain::ResolverType(m_resolver->currentData().toInt());
    r.engagementType = domain::EngagementType(m_engagement->currentData().toInt());
    r.reportedIncidentStartDate = m_reportedStart->dateTime().toUTC();
    r.impactedAccounts = fieldtext::splitWords(m_accounts->text());
    r.impactedAwsRegions = fieldtext::parseRegions(m_regions->text());
    QStringList services;
    for (const QString &s : m_services->text().split(u',')) {
        if (!s.trimmed().isEmpty())
            services.append(s.trimmed());
    }
    r.impactedServices = services;
    r.threatActorIpAddresses = fieldtext::parseThreatActorIps(m_threatActors->toPlainText());
    r.watchers = fieldtext::parseWatchers(m_watchers->toPlainText());
    r.tags = fieldtext::parseTags(m_tags->toPlainText(), u"tags"_s, errors);
    return r;
}

QString NewCaseDialog::errorText(const QString &field) const
{
    const QLabel *label = m_errorLabels.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void NewCaseDialog::validateNow()
{
    domain::FieldErrors errors;
    const domain::CreateCaseRequest r = request(&errors);
    errors += domain::validate(r);
    // A reported start in the future is a typo, not an incident.
    if (r.reportedIncidentStartDate > QDateTime::currentDateTimeUtc().addSecs(300))
        errors.append({u"reportedIncidentStartDate"_s,
            tr("The reported incident start date cannot be in the future.")});
    m_errors = errors;
    for (auto it = m_errorLabels.constBegin(); it != m_errorLabels.constEnd(); ++it) {
        const QString text = fieldtext::messagesFor(errors, it.key());
        it.value()->setText(text);
        it.value()->setVisible(!text.isEmpty());
    }
    m_createButton->setEnabled(errors.isEmpty());
}

bool NewCaseDialog::create()
{
    validateNow();
    if (!m_errors.isEmpty())
        return false;
    domain::FieldErrors errors;
    QString error;
    const QString caseId = m_actions->createCase(request(), &errors, &error);
    if (caseId.isEmpty()) {
        for (auto it = m_errorLabels.constBegin(); it != m_errorLabels.constEnd(); ++it) {
            const QString text = fieldtext::messagesFor(errors, it.key());
            it.value()->setText(text);
            it.value()->setVisible(!text.isEmpty());
        }
        m_problem->setText(
            error.isEmpty() ? tr("The case was not created; see the fields above.") : error);
        m_problem->show();
        return false;
    }
    emit caseCreated(caseId);
    accept();
    return true;
}

} // namespace warroom::ui
