#include "SignUpRunner.h"

#include "MembershipService.h"

#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

QString SignUpReport::text() const
{
    QStringList lines;
    lines << (complete ? QObject::tr("Sign-up complete.") : QObject::tr("Sign-up did not finish."));
    if (!done.isEmpty()) {
        lines << QObject::tr("Done:");
        for (const QString &line : done)
            lines << u"  \u2713 "_s + line;
    }
    if (!notDone.isEmpty()) {
        lines << QObject::tr("Not done:");
        for (const QString &line : notDone)
            lines << u"  \u2717 "_s + line;
    }
    if (error.isError())
        lines << QObject::tr("%1 failed: %2").arg(failedOperation, error.toString());
    if (!resumeHint.isEmpty())
        lines << resumeHint;
    return lines.join(u'\n');
}

SignUpRunner::SignUpRunner(MembershipService *service, OnboardingDraft *draft, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_draft(draft)
{
}

SignUpRunner::~SignUpRunner() = default;

void SignUpRunner::start()
{
    if (m_running || !m_service)
        return;
    m_running = true;
    m_report = {};
    m_done = 0;
    m_total = 1 + int(m_draft->pendingOrganizationalUnitBatches().size());
    if (m_draft->clientToken.isEmpty()) {
        m_draft->clientToken = aws::SecurityIrClient::newClientToken();
        emit draftChanged();
    }
    if (!m_draft->membershipId.isEmpty()) {
        m_report.membershipId = m_draft->membershipId;
        m_report.done << tr("Membership %1 was created by an earlier run; not created again.")
                             .arg(m_draft->membershipId);
        ++m_done;
        // Answer from the event loop, as every other path does.
        QTimer::singleShot(0, this, [this] {
            emit progress(m_done, m_total, m_report.done.last());
            addNextBatch();
        });
        return;
    }
    emit progress(0, m_total, tr("Looking for an existing membership"));
    m_service->listMemberships([this](const MembershipResult<QList<aws::MembershipSummary>> &r) {
        if (!r.ok()) {
            fail(u"ListMemberships"_s, r.error);
            return;
        }
        for (const auto &m : r.value) {
            if (m.membershipStatus == domain::MembershipStatus::Active) {
                m_draft->membershipId = m.membershipId;
                m_report.membershipId = m.membershipId;
                m_report.reusedExistingMembership = true;
                m_report.done << tr("This account already has the active membership %1; "
                                    "it was kept and no second one was created.")
                                     .arg(m.membershipId);
                emit draftChanged();
                ++m_done;
                emit progress(m_done, m_total, m_report.done.last());
                addNextBatch();
                return;
            }
        }
        create();
    });
}

void SignUpRunner::create()
{
    emit progress(m_done, m_total, tr("CreateMembership \"%1\"").arg(m_draft->membershipName));
    m_service->createMembership(
        m_draft->createRequest(), [this](const MembershipResult<QString> &r) {
            if (!r.ok()) {
                fail(u"CreateMembership"_s, r.error);
                return;
            }
            m_draft->membershipId = r.value;
            m_report.membershipId = r.value;
            m_report.done << tr("Created membership %1 (\"%2\", %3 responders, %4).")
                                 .arg(r.value, m_draft->membershipName)
                                 .arg(m_draft->team.size())
                                 .arg(m_draft->coverEntireOrganization
                                         ? tr("whole organisation")
                                         : tr("scope by organisational units"));
            emit draftChanged();
            ++m_done;
            emit progress(m_done, m_total, m_report.done.last());
            addNextBatch();
        });
}

void SignUpRunner::addNextBatch()
{
    const auto pending = m_draft->pendingOrganizationalUnitBatches();
    if (pending.isEmpty()) {
        m_report.complete = true;
        finish();
        return;
    }
    const QStringList batch = pending.first();
    domain::UpdateMembershipRequest request;
    request.membershipId = m_draft->membershipId;
    domain::MembershipAccountsConfigurationsUpdate update;
    update.organizationalUnitsToAdd = batch;
    request.membershipAccountsConfigurationsUpdate = update;
    emit progress(m_done, m_total, tr("UpdateMembership: add %1").arg(batch.join(u", "_s)));
    m_service->updateMembership(request, [this, batch](const MembershipResult<bool> &r) {
        if (!r.ok()) {
            fail(u"UpdateMembership"_s, r.error);
            return;
        }
        m_draft->organizationalUnitsAdded += batch;
        m_report.done << tr("Added %n organisational unit(s): %1", nullptr, int(batch.size()))
                             .arg(batch.join(u", "_s));
        emit draftChanged();
        ++m_done;
        emit progress(m_done, m_total, m_report.done.last());
        addNextBatch();
    });
}

void SignUpRunner::fail(const QString &operation, const aws::AwsError &error)
{
    m_report.failedOperation = operation;
    m_report.error = error;
    if (m_draft->membershipId.isEmpty())
        m_report.notDone << tr("The membership was not created.");
    for (const QStringList &batch : m_draft->pendingOrganizationalUnitBatches())
        m_report.notDone << tr("Organisational units not added yet: %1").arg(batch.join(u", "_s));
    m_report.resumeHint = m_draft->membershipId.isEmpty()
        ? tr("To resume, fix the problem and press Sign up again: the same client token is "
             "sent, so the membership is created once.")
        : tr("To resume, press Sign up again: membership %1 is kept and only the "
             "organisational units not added yet are sent.")
              .arg(m_draft->membershipId);
    finish();
}

void SignUpRunner::finish()
{
    m_running = false;
    if (m_report.complete && !m_report.membershipId.isEmpty())
        emit progress(m_total, m_total, tr("Done"));
    emit finished(m_report.complete);
}

} // namespace warroom::onboarding
