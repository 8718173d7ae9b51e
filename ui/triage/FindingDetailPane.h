#pragma once

#include "domain/Finding.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace warroom::ui::triage {

// The finding under the cursor: its key fields and its raw JSON as a tree.
class FindingDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingDetailPane)

public:
    explicit FindingDetailPane(QWidget *parent = nullptr);

    void showFinding(const domain::Finding &finding);
    void clear();
    QString findingId() const { return m_findingId; }

private:
    QLabel *addField(const QString &label, const QString &objectName);

    QString m_findingId;
    QLabel *m_title = nullptr;
    QLabel *m_severity = nullptr;
    QLabel *m_type = nullptr;
    QLabel *m_account = nullptr;
    QLabel *m_resource = nullptr;
    QLabel *m_remoteIps = nullptr;
    QLabel *m_seen = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_id = nullptr;
    QTreeWidget *m_rawTree = nullptr;
    QFormLayout *m_form = nullptr;
};

} // namespace warroom::ui::triage
