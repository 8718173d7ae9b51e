#pragma once

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>

namespace warroom::onboarding {

class OrganizationSource;

struct Prerequisite final
{
    enum class State { Checking, Passed, Failed, Unknown, NotCheckable };
    QString key; // "managementAccount", "allFeatures", "trustedAccess", "guardDuty", ...
    QString title;
    State state = State::Checking;
    QString detail; // what was found, or why it could not be checked
    QString fix; // how to fix it when it failed
};

QString toString(Prerequisite::State state);

// Runs the prerequisite checks the wizard can make through an OrganizationSource and
// lists the ones it cannot (SCPs, the service-linked role).
class PrerequisiteChecker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrerequisiteChecker)

public:
    explicit PrerequisiteChecker(OrganizationSource *source, QObject *parent = nullptr);
    ~PrerequisiteChecker() override;

    void start();
    bool isRunning() const { return m_pending > 0; }
    const QList<Prerequisite> &results() const { return m_results; }
    const Prerequisite *result(const QString &key) const;
    // True when the run finished and not one check got an answer (no organisation
    // reachable: wrong endpoint, no keys, offline).
    bool nothingReachable() const;
    QString signedInAccountId() const { return m_callerAccount; }
    QString managementAccountId() const { return m_managementAccount; }

signals:
    void changed();
    void finished();

private:
    void set(const QString &key, Prerequisite::State state, const QString &detail);
    void oneDone();
    void compareAccounts();

    QPointer<OrganizationSource> m_source;
    QList<Prerequisite> m_results;
    QString m_callerAccount;
    QString m_managementAccount;
    int m_pending = 0;
    int m_generation = 0;
};

} // namespace warroom::onboarding
