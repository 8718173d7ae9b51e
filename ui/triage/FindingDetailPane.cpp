#include "FindingDetailPane.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace warroom::ui::triage {

using namespace Qt::StringLiterals;

namespace {

// Big arrays are cut: the tree is for reading, the raw JSON stays whole in the store.
constexpr int MaxChildren = 500;

void addJson(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value)
{
    auto *item = new QTreeWidgetItem(parent, {key});
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        item->setText(1, u"{%1}"_s.arg(object.size()));
        int n = 0;
        for (auto it = object.begin(); it != object.end() && n < MaxChildren; ++it, ++n)
            addJson(item, it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        item->setText(1, u"[%1]"_s.arg(array.size()));
        for (int i = 0; i < array.size() && i < MaxChildren; ++i)
            addJson(item, QString::number(i), array.at(i));
    } else if (value.isString()) {
        item->setText(1, value.toString());
    } else if (value.isBool()) {
        item->setText(1, value.toBool() ? u"true"_s : u"false"_s);
    } else if (value.isDouble()) {
        item->setText(1, QString::number(value.toDouble(), 'g', 15));
    } else {
        item->setText(1, u"null"_s);
    }
}

} // namespace

FindingDetailPane::FindingDetailPane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_title = addField(tr("Title"), u"detailTitleLabel"_s);
    m_severity = addField(tr("Severity"), u"detailSeverityLabel"_s);
    m_type = addField(tr("Type"), u"detailTypeLabel"_s);
    m_account = addField(tr("Account / Region"), u"detailAccountLabel"_s);
    m_resource = addField(tr("Resource"), u"detailResourceLabel"_s);
    m_remoteIps = addField(tr("Remote IPs"), u"detailRemoteIpsLabel"_s);
    m_seen = addField(tr("Seen (UTC)"), u"detailSeenLabel"_s);
    m_verdict = addField(tr("Verdict"), u"detailVerdictLabel"_s);
    m_id = addField(tr("ID"), u"detailIdLabel"_s);
    layout->addLayout(m_form);
    m_rawTree = new QTreeWidget(this);
    m_rawTree->setObjectName(u"rawJsonTree"_s);
    m_rawTree->setHeaderLabels({tr("Key"), tr("Value")});
    m_rawTree->setUniformRowHeights(true);
    m_rawTree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_rawTree->header()->resizeSection(
        0, fontMetrics().horizontalAdvance(u"instanceDetails.networkInterfaces"_s));
    layout->addWidget(m_rawTree, 1);
    clear();
}

QLabel *FindingDetailPane::addField(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(label, value);
    return value;
}

void FindingDetailPane::clear()
{
    m_findingId.clear();
    for (QLabel *label :
        {m_title, m_severity, m_type, m_account, m_resource, m_remoteIps, m_seen, m_verdict, m_id})
        label->clear();
    m_title->setText(tr("No finding selected"));
    m_rawTree->clear();
}

void FindingDetailPane::showFinding(const domain::Finding &f)
{
    m_findingId = f.id;
    m_title->setText(f.title);
    m_severity->setText(
        u"%1 (%2)"_s.arg(domain::toString(f.severityLabel)).arg(f.severityScore, 0, 'f', 1));
    m_type->setText(f.type);
    m_account->setText(f.accountId + u" / "_s + f.region);
    m_resource->setText(f.resourceType + u' ' + f.resourceId);
    m_remoteIps->setText(f.remoteIps.join(u", "_s));
    const auto time = [](const QDateTime &t) {
        return t.isValid() ? t.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) : u"-"_s;
    };
    m_seen->setText(tr("first %1, last %2, %n time(s)", nullptr, static_cast<int>(f.count))
                        .arg(time(f.firstSeen), time(f.lastSeen)));
    QString verdict = domain::toString(f.verdict) + u" ("_s + f.verdictRule + u')';
    if (!f.caseId.isEmpty())
        verdict += u", case "_s + f.caseId;
    m_verdict->setText(verdict);
    m_id->setText(f.id);
    m_rawTree->clear();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(f.rawJson, &error);
    auto *root = new QTreeWidgetItem(m_rawTree, {tr("finding")});
    if (document.isObject())
        addJson(root, tr("finding"), document.object());
    else
        root->setText(1, tr("raw JSON could not be read: %1").arg(error.errorString()));
    // The root stands for the document itself.
    if (root->childCount() == 1) {
        QTreeWidgetItem *only = root->takeChild(0);
        delete root;
        m_rawTree->addTopLevelItem(only);
        root = only;
    }
    root->setExpanded(true);
}

} // namespace warroom::ui::triage
