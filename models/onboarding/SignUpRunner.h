#pragma once

#include "OnboardingDraft.h"

#include "aws/AwsError.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>

namespace warroom::onboarding {

class MembershipService;

// What a sign-up run did: every step that succeeded, the ones not done, and how to
// resume. A run that is started again skips what `draft` says is done.
struct SignUpReport final
{
    bool complete = false;
    QString membershipId;
    bool reusedExistingMembership = false;
    QStringList done; // sentences, in order
    QStringList notDone;
    QString failedOperation; // "CreateMembership", "UpdateMembership"
    aws::AwsError error;
    QString resumeHint;
    QString text() const; // the whole report, for the page and the clipboard
};

// Sign up: CreateMembership (with the draft's clientToken, so a retry is not repeated,
// and not at all when the account already has an active membership), then
// UpdateMembership with the OUs in batches of at most five. Writes its progress into
// the draft (membershipId, organizationalUnitsAdded) as it goes.
class SignUpRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignUpRunner)

public:
    SignUpRunner(MembershipService *service, OnboardingDraft *draft, QObject *parent = nullptr);
    ~SignUpRunner() override;

    void start();
    bool isRunning() const { return m_running; }
    MembershipService *service() const { return m_service; }
    const SignUpReport &report() const { return m_report; }
    // Calls the run makes in all: one CreateMembership plus one per OU batch.
    int totalSteps() const { return m_total; }

signals:
    void progress(int stepsDone, int totalSteps, const QString &step);
    // The draft changed (membershipId, OUs added, clientToken): save it now.
    void draftChanged();
    void finished(bool complete);

private:
    void create();
    void addNextBatch();
    void fail(const QString &operation, const aws::AwsError &error);
    void finish();

    QPointer<MembershipService> m_service;
    OnboardingDraft *m_draft;
    SignUpReport m_report;
    int m_total = 0;
    int m_done = 0;
    bool m_running = false;
};

} // namespace warroom::onboarding
