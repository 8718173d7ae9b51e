// The rule editor offscreen, driven with keys and clicks on a workspace of 400 findings
// with an embedded backend: a rule is created and edited (live validation of a bad CIDR
// and a bad number beside the criterion), its preview counts follow the typing and agree
// with the engine run over the same findings in the test; saving re-triages in the
// background (verdicts checked in the store); a second rule is moved above the first,
// then the first deleted; the auto-escalation policy switched on makes cases; "False
// positive" opens its proposed rule in the editor; a rule GuardDuty cannot express is
// refused with the reason before any AWS call.
#include "MessageBox.h"
#include "QueueTestData.h"
#include "ingest/FindingRulePreview.h"
#include "ingest/StoredTriage.h"
#include "itemmodels/FindingQueueModel.h"
#include "store/CaseRepository.h"
#include "store/RuleRepository.h"
#include "store/Workspace.h"
#include "sync/EmbeddedBackend.h"
#include "sync/FindingAutoEscalation.h"
#include "sync/SyncEngine.h"
#include "triage/RuleEditorDialog.h"
#include "triage/TriageEngine.h"
#include "triage/TriageQueuePage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using domain::RuleOperator;
using ui::triage::RuleEditorDialog;
using ui::triage::TriageQueuePage;

namespace {

constexpr int Findings = 400;
const QString ReconType = u"Recon:EC2/PortProbeUnprotectedPort"_s;

// What the engine says about findings 0..Findings-1 (the test's own count).
qint64 engineCount(const QList<domain::RuleCriterion> &criteria)
{
    domain::SuppressionRule rule;
    rule.criteria = criteria;
    qint64 n = 0;
    for (int i = 0; i < Findings; ++i)
        n += triage::TriageEngine::matches(rule, queuetest::makeFinding(i)) ? 1 : 0;
    return n;
}

} // namespace

class TestRuleEditor final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
    std::unique_ptr<sync::SyncEngine> m_sync;
    std::unique_ptr<TriageQueuePage> m_page;
    QPointer<RuleEditorDialog> m_editor;

    template<typename T> T *child(const QString &name)
    {
        T *widget = m_editor ? m_editor->findChild<T *>(name) : nullptr;
        if (!widget)
            qWarning("no %s", qPrintable(name));
        return widget;
    }

    qint64 scalar(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery query(m_workspace->database().reader());
        query.prepare(sql);
        for (const QVariant &bind : binds)
            query.addBindValue(bind);
        return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
    }

    // Waits for the complete preview of the rule being edited; its match count.
    qint64 previewCount()
    {
        if (!QTest::qWaitFor([&] { return m_editor->preview().has_value(); }, 20000))
            return -1;
        return m_editor->preview()->matches;
    }

    static void typeInto(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    void saveAndWaitForRetriage()
    {
        QSignalSpy retriaged(m_page.get(), &TriageQueuePage::retriageFinished);
        QTest::mouseClick(child<QPushButton>(u"saveRulesButton"_s), Qt::LeftButton);
        QVERIFY2(child<QLabel>(u"ruleEditorMessageLabel"_s)->text().startsWith(u"Saved"_s),
            qPrintable(child<QLabel>(u"ruleEditorMessageLabel"_s)->text()));
        QVERIFY(retriaged.wait(30000));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_workspace = store::Workspace::open(m_dir.filePath(u"ws"_s), &error);
        QVERIFY2(m_workspace, qPrintable(error));
        QVERIFY2(queuetest::addFindings(m_workspace->database(), 0, Findings, &error),
            qPrintable(error));
        m_sync = std::make_unique<sync::SyncEngine>(*m_workspace,
            sync::EmbeddedBackend::open(
                m_dir.filePath(u"ws/"_s + sync::EmbeddedBackend::defaultFileName()), &error));
        ui::AreaContext context;
        context.workspace = m_workspace.get();
        context.sync = m_sync.get();
        m_page = std::make_unique<TriageQueuePage>(context);
        m_page->setAnalyst(u"ana"_s);
        m_page->resize(1400, 700);
        m_page->show();
        QTRY_VERIFY(m_page->model()->rowCount() > 0);
    }

    void cleanupTestCase()
    {
        delete m_editor;
        m_page.reset();
        m_sync.reset();
    }

    void opensWithCtrlR()
    {
        m_page->findChild<QTableView *>(u"findingsTable"_s)->setFocus();
        QTest::keyClick(
            m_page->findChild<QTableView *>(u"findingsTable"_s), Qt::Key_R, Qt::ControlModifier);
        m_editor = m_page->ruleEditor();
        QVERIFY(m_editor);
        QVERIFY(m_editor->isVisible());
        QCOMPARE(child<QListWidget>(u"rulesListWidget"_s)->count(), 0);
    }

    void createsARuleWithLivePreviewAndValidation()
    {
        QTest::mouseClick(child<QPushButton>(u"newRuleButton"_s), Qt::LeftButton);
        QCOMPARE(m_editor->rules().size(), 1);
        typeInto(child<QLineEdit>(u"ruleNameEdit"_s), u"Probes from the lab"_s);
        QCOMPARE(m_editor->rules().at(0).name, u"Probes from the lab"_s);

        // type equals (the new rule's first criterion), typed.
        typeInto(child<QLineEdit>(u"criterion0ValueEdit"_s), ReconType);
        const QList<domain::RuleCriterion> recon {{u"type"_s, RuleOperator::Equals, ReconType}};
        QCOMPARE(previewCount(), engineCount(recon));
        QCOMPARE(previewCount(), 100);
        QVERIFY(m_editor->preview()->countedBySql);
        QCOMPARE(child<QTableWidget>(u"previewTableWidget"_s)->rowCount(), 50);
        QCOMPARE(child<QTableWidget>(u"previewTableWidget"_s)->item(0, 1)->text(), ReconType);
        // Case does not matter, as in the engine.
        typeInto(child<QLineEdit>(u"criterion0ValueEdit"_s), ReconType.toLower());
        QCOMPARE(previewCount(), 100);

        // A second criterion: remote IPs in a CIDR block, a bad one first.
        QTest::mouseClick(child<QPushButton>(u"addCriterionButton"_s), Qt::LeftButton);
        child<QComboBox>(u"criterion1FieldCombo"_s)
            ->setCurrentIndex(
                child<QComboBox>(u"criterion1FieldCombo"_s)->findData(u"remoteIps"_s));
        child<QComboBox>(u"criterion1OperatorCombo"_s)
            ->setCurrentIndex(
                child<QComboBox>(u"criterion1OperatorCombo"_s)->findData(u"InCidr"_s));
        typeInto(child<QLineEdit>(u"criterion1ValueEdit"_s), u"198.51.100.300/24"_s);
        QVERIFY2(child<QLabel>(u"criterion1ErrorLabel"_s)->text().contains(u"not a CIDR"_s),
            qPrintable(child<QLabel>(u"criterion1ErrorLabel"_s)->text()));
        QVERIFY(child<QLabel>(u"ruleErrorLabel"_s)->text().startsWith(u"Not saved"_s));
        QVERIFY(child<QLabel>(u"previewCountLabel"_s)->text().contains(u"No preview"_s));
        QVERIFY(!child<QPushButton>(u"pushGuardDutyButton"_s)->isEnabled());
        typeInto(child<QLineEdit>(u"criterion1ValueEdit"_s), u"198.51.100.0/26"_s);
        QCOMPARE(child<QLabel>(u"criterion1ErrorLabel"_s)->text(), QString());
        QCOMPARE(child<QLabel>(u"ruleErrorLabel"_s)->text(), QString());
        const QList<domain::RuleCriterion> probes {
            recon.first(), {u"remoteIps"_s, RuleOperator::InCidr, u"198.51.100.0/26"_s}};
        const qint64 expected = engineCount(probes);
        QVERIFY(expected > 0 && expected < 100);
        QCOMPARE(previewCount(), expected);
        QVERIFY(!m_editor->preview()->countedBySql); // CIDR: the engine decides

        // A bad number on a numeric field, beside the criterion, then removed.
        QTest::mouseClick(child<QPushButton>(u"addCriterionButton"_s), Qt::LeftButton);
        child<QComboBox>(u"criterion2FieldCombo"_s)
            ->setCurrentIndex(
                child<QComboBox>(u"criterion2FieldCombo"_s)->findData(u"severityScore"_s));
        child<QComboBox>(u"criterion2OperatorCombo"_s)
            ->setCurrentIndex(
                child<QComboBox>(u"criterion2OperatorCombo"_s)->findData(u"GreaterOrEqual"_s));
        typeInto(child<QLineEdit>(u"criterion2ValueEdit"_s), u"high"_s);
        QVERIFY2(child<QLabel>(u"criterion2ErrorLabel"_s)->text().contains(u"not a number"_s),
            qPrintable(child<QLabel>(u"criterion2ErrorLabel"_s)->text()));
        typeInto(child<QLineEdit>(u"criterion2ValueEdit"_s), u"5"_s);
        QCOMPARE(previewCount(),
            engineCount(probes
                + QList<domain::RuleCriterion> {
                    {u"severityScore"_s, RuleOperator::GreaterOrEqual, u"5"_s}}));
        QTest::mouseClick(child<QPushButton>(u"criterion2RemoveButton"_s), Qt::LeftButton);
        QCOMPARE(m_editor->rules().at(0).criteria.size(), 2);
        QCOMPARE(previewCount(), expected);

        // Escalate, then save: the background re-triage gives the verdicts.
        child<QComboBox>(u"ruleActionCombo"_s)
            ->setCurrentIndex(child<QComboBox>(u"ruleActionCombo"_s)->findData(u"Escalate"_s));
        saveAndWaitForRetriage();
        const QString ruleId = m_editor->rules().at(0).id;
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM findings WHERE verdict = 'Escalated' AND "
                        u"verdict_rule = ?"_s,
                     {ruleId}),
            expected);
        const auto stored = store::RuleRepository(m_workspace->database().reader()).get(ruleId);
        QVERIFY(stored);
        QCOMPARE(stored->criteria, m_editor->rules().at(0).criteria);
        QCOMPARE(stored->hitCount, expected); // hit counts stored by the re-triage
    }

    void reordersAndDeletesWithKeys()
    {
        auto *list = child<QListWidget>(u"rulesListWidget"_s);
        list->setFocus();
        QTest::keyClick(list, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(m_editor->rules().size(), 2);
        QCOMPARE(m_editor->currentRule(), 1);
        typeInto(child<QLineEdit>(u"ruleNameEdit"_s), u"Quiet eu-west-1"_s);
        child<QComboBox>(u"criterion0FieldCombo"_s)
            ->setCurrentIndex(child<QComboBox>(u"criterion0FieldCombo"_s)->findData(u"region"_s));
        typeInto(child<QLineEdit>(u"criterion0ValueEdit"_s), u"eu-west-1"_s);
        QCOMPARE(previewCount(), Findings / 2);
        // Ctrl+Up: the suppression runs first now.
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(m_editor->rules().at(0).name, u"Quiet eu-west-1"_s);
        QCOMPARE(m_editor->currentRule(), 0);
        QVERIFY(list->item(0)->text().startsWith(u"1. Quiet eu-west-1"_s));
        saveAndWaitForRetriage();
        const QString suppressId = m_editor->rules().at(0).id;
        const QString escalateId = m_editor->rules().at(1).id;
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM findings WHERE verdict = 'Suppressed' AND "
                        u"verdict_rule = ?"_s,
                     {suppressId}),
            Findings / 2);
        // Only the us-east-1 probes are still escalated.
        const qint64 eastProbes = engineCount({{u"type"_s, RuleOperator::Equals, ReconType},
            {u"remoteIps"_s, RuleOperator::InCidr, u"198.51.100.0/26"_s},
            {u"region"_s, RuleOperator::Equals, u"us-east-1"_s}});
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM findings WHERE verdict_rule = ?"_s, {escalateId}),
            eastProbes);
        const auto rules = store::RuleRepository(m_workspace->database().reader()).list();
        QCOMPARE(rules.size(), 2);
        QCOMPARE(rules.at(0).id, suppressId);
        QCOMPARE(rules.at(0).position, 1);

        // Delete the suppression (Delete key): the probes are escalated again.
        list->setFocus();
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(m_editor->rules().size(), 1);
        QCOMPARE(m_editor->currentRule(), 0); // the remaining rule is shown
        QCOMPARE(child<QLineEdit>(u"ruleNameEdit"_s)->text(), u"Probes from the lab"_s);
        QCOMPARE(list->count(), 1);
        saveAndWaitForRetriage();
        QCOMPARE(store::RuleRepository(m_workspace->database().reader()).list().size(), 1);
        QCOMPARE(
            scalar(u"SELECT COUNT(*) FROM findings WHERE verdict_rule = ?"_s, {suppressId}), 0);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM findings WHERE verdict_rule = ?"_s, {escalateId}),
            engineCount({{u"type"_s, RuleOperator::Equals, ReconType},
                {u"remoteIps"_s, RuleOperator::InCidr, u"198.51.100.0/26"_s}}));
    }

    void policyTurnsOnAutoEscalation()
    {
        QCOMPARE(store::CaseRepository(m_workspace->database().reader()).count(), 0);
        auto *check = child<QCheckBox>(u"autoEscalateCheck"_s);
        QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(4, check->height() / 2));
        QVERIFY(check->isChecked());
        QSignalSpy escalated(m_page.get(), &TriageQueuePage::autoEscalated);
        saveAndWaitForRetriage();
        QTRY_VERIFY(!escalated.isEmpty());
        QVERIFY(ingest::triagePolicyFromStore(m_workspace->database()).autoEscalation.enabled);
        // More fingerprints than one run's case limit: the page goes on until all are in.
        const qint64 escalatedFindings
            = scalar(u"SELECT COUNT(*) FROM findings WHERE verdict = 'Escalated'"_s);
        QVERIFY(escalatedFindings > sync::FindingAutoEscalation::DefaultMaxNewCasesPerRun);
        QTRY_COMPARE(scalar(u"SELECT COUNT(*) FROM findings WHERE verdict = 'Escalated' AND "
                            u"case_id IS NOT NULL"_s),
            escalatedFindings);
        QVERIFY(escalated.size() >= 2);
        const qint64 linked = escalatedFindings;
        QVERIFY(linked > 0);
        // One case per fingerprint; every finding here has its own resource and account mix.
        QCOMPARE(store::CaseRepository(m_workspace->database().reader()).count(),
            scalar(
                u"SELECT COUNT(DISTINCT fingerprint) FROM findings WHERE case_id IS NOT NULL"_s));
        // A trusted network with a bad CIDR is refused beside the table, and blocks Save.
        QTest::mouseClick(child<QPushButton>(u"addNetworkButton"_s), Qt::LeftButton);
        auto *networks = child<QTableWidget>(u"trustedNetworksTableWidget"_s);
        networks->item(0, 1)->setText(u"10.0.0.0/33"_s);
        QVERIFY(child<QLabel>(u"trustedNetworksErrorLabel"_s)->text().contains(u"not a CIDR"_s));
        QVERIFY(!m_editor->save());
        networks->item(0, 1)->setText(u"2001:db8::/32"_s);
        QCOMPARE(child<QLabel>(u"trustedNetworksErrorLabel"_s)->text(), QString());
    }

    void falsePositiveOpensItsRuleAndGuardDutyRefusesWhatItCannotExpress()
    {
        auto *table = m_page->findChild<QTableView *>(u"findingsTable"_s);
        m_page->activateWindow(); // the editor stays open behind
        QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
        table->setFocus();
        m_page->model()->refresh();
        QTRY_VERIFY(m_page->model()->rowCount() > 0);
        table->setCurrentIndex(m_page->model()->index(0, 1));
        const QString type = m_page->model()->rowAt(0)->type;
        ui::MessageBox::setNextAnswer(QMessageBox::Open);
        QTest::keyClick(table, Qt::Key_F);
        QVERIFY(!ui::MessageBox::hasPendingAnswer());
        QCOMPARE(m_page->ruleEditor(), m_editor.data()); // the open editor, not a second one
        const int proposed = m_editor->currentRule();
        QCOMPARE(proposed, int(m_editor->rules().size()) - 1);
        QCOMPARE(m_editor->rules().at(proposed).criteria.size(), 3);
        QCOMPARE(child<QLineEdit>(u"criterion0ValueEdit"_s)->text(), type);
        QCOMPARE(previewCount(), engineCount(m_editor->rules().at(proposed).criteria));

        // A contains test: GuardDuty cannot express it; no AWS call is made.
        QTest::mouseClick(child<QPushButton>(u"addCriterionButton"_s), Qt::LeftButton);
        child<QComboBox>(u"criterion3FieldCombo"_s)
            ->setCurrentIndex(child<QComboBox>(u"criterion3FieldCombo"_s)->findData(u"title"_s));
        child<QComboBox>(u"criterion3OperatorCombo"_s)
            ->setCurrentIndex(
                child<QComboBox>(u"criterion3OperatorCombo"_s)->findData(u"Contains"_s));
        typeInto(child<QLineEdit>(u"criterion3ValueEdit"_s), u"number"_s);
        QSignalSpy pushed(m_editor.data(), &RuleEditorDialog::pushFinished);
        QTest::mouseClick(child<QPushButton>(u"pushGuardDutyButton"_s), Qt::LeftButton);
        QCOMPARE(pushed.size(), 1);
        QCOMPARE(pushed.at(0).at(0).toBool(), false);
        QVERIFY2(pushed.at(0).at(1).toString().contains(u"whole values only"_s),
            qPrintable(pushed.at(0).at(1).toString()));
    }
};

QTEST_MAIN(TestRuleEditor)
#include "tst_ruleeditor.moc"
