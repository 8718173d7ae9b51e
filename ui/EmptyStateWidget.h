#pragma once

#include "Area.h"

#include <QWidget>

class QLabel;

namespace warroom::ui {

// Stands in for an area that is not built yet: says what the area will do and what
// the open workspace already holds. No controls, because none of them would work.
class EmptyStateWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyStateWidget)

public:
    explicit EmptyStateWidget(Area area, QWidget *parent = nullptr);

    Area area() const { return m_area; }
    // The line about the workspace's contents (see WorkspaceSummary::sentence()).
    void setWorkspaceSummary(const QString &sentence, bool workspaceIsEmpty);

    static QString description(Area area);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateFonts();

    const Area m_area;
    QLabel *m_iconLabel = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_descriptionLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_hintLabel = nullptr;
};

} // namespace warroom::ui
