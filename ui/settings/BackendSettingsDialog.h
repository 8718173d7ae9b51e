#pragma once

#include "sync/BackendSettings.h"
#include "sync/ConnectionTester.h"

#include <QDialog>

#include <optional>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace warroom::aws {
class KeychainCredentialStore;
struct Credentials;
} // namespace warroom::aws

namespace warroom::store {
class Workspace;
}

namespace warroom::ui {

// Workspace > Backend settings: where the workspace's cases live (the embedded backend,
// a warroom-server URL, or AWS in a Region), the keys to sign with (an AWS CLI profile,
// or an access key pair kept in the OS keychain, never in the workspace or the app's
// settings), the CAs to trust for HTTPS, and Test connection, which runs off the GUI
// thread and names the problem: a wrong URL, bad keys, a TLS problem, no membership.
// OK saves the keys to the keychain first, then the settings (BackendSettings); the
// window then switches its sync engine to the new backend.
class BackendSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackendSettingsDialog)

public:
    explicit BackendSettingsDialog(store::Workspace &workspace, QWidget *parent = nullptr);
    ~BackendSettingsDialog() override;

    // The settings the form describes (not saved).
    sync::BackendSettings settings() const;
    // Keys typed in the form, if both fields are filled in.
    std::optional<aws::Credentials> typedKeys() const;

    void testConnection();
    bool isTesting() const;
    QString resultText() const;
    std::optional<sync::ConnectionReport> lastReport() const { return m_lastReport; }

    void accept() override;

signals:
    void testFinished(const warroom::sync::ConnectionReport &report);
    // The settings were saved (after the keys, when typed, reached the keychain).
    void applied();

private:
    void build();
    void load(const sync::BackendSettings &settings);
    void updateEnabled();
    void showReport(const sync::ConnectionReport &report);
    void showError(const QString &text);
    void save(const sync::BackendSettings &settings);
    void chooseCaBundle();

    store::Workspace &m_workspace;
    sync::ConnectionTester *m_tester = nullptr;
    aws::KeychainCredentialStore *m_keychain = nullptr;
    std::optional<sync::ConnectionReport> m_lastReport;
    bool m_savedKeychainEntry = false; // the workspace already names a keychain entry

    QRadioButton *m_embeddedRadio = nullptr;
    QRadioButton *m_serverRadio = nullptr;
    QRadioButton *m_awsRadio = nullptr;
    QLineEdit *m_urlEdit = nullptr;
    QComboBox *m_regionCombo = nullptr;
    QGroupBox *m_keysBox = nullptr;
    QRadioButton *m_profileRadio = nullptr;
    QRadioButton *m_keychainRadio = nullptr;
    QComboBox *m_profileCombo = nullptr;
    QLineEdit *m_accessKeyEdit = nullptr;
    QLineEdit *m_secretKeyEdit = nullptr;
    QLabel *m_keychainNote = nullptr;
    QLineEdit *m_caBundleEdit = nullptr;
    QPushButton *m_caBundleButton = nullptr;
    QGroupBox *m_organizationsBox = nullptr;
    QLineEdit *m_organizationsUrlEdit = nullptr;
    QComboBox *m_organizationsProfileCombo = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_resultLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace warroom::ui
