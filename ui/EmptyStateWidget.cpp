#include "EmptyStateWidget.h"

#include "AreaIcons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace warroom::ui {

using namespace Qt::StringLiterals;

namespace {

QLabel *makeLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignHCenter);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

EmptyStateWidget::EmptyStateWidget(Area area, QWidget *parent)
    : QWidget(parent)
    , m_area(area)
{
    setObjectName(areaKey(area) % u"EmptyStateWidget"_s);

    m_iconLabel = new QLabel(this);
    m_iconLabel->setObjectName(u"emptyStateIconLabel"_s);
    m_iconLabel->setAlignment(Qt::AlignHCenter);

    m_titleLabel = makeLabel(u"emptyStateTitleLabel"_s, this);
    m_titleLabel->setText(areaTitle(area));
    m_titleLabel->setAccessibleName(areaTitle(area));

    m_statusLabel = makeLabel(u"emptyStateStatusLabel"_s, this);
    m_statusLabel->setText(tr("Not built yet"));
    m_statusLabel->setForegroundRole(QPalette::PlaceholderText);

    m_descriptionLabel = makeLabel(u"emptyStateDescriptionLabel"_s, this);
    m_descriptionLabel->setText(description(area));

    m_summaryLabel = makeLabel(u"emptyStateSummaryLabel"_s, this);

    m_hintLabel = makeLabel(u"emptyStateHintLabel"_s, this);
    m_hintLabel->setForegroundRole(QPalette::PlaceholderText);
    m_hintLabel->setText(
        tr("Start Warroom with --demo to fill an empty workspace with a demo organisation, "
           "cases and findings."));
    m_hintLabel->hide();

    // A column of readable width, centred in whatever space the area gets.
    auto *column = new QWidget(this);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->addWidget(m_iconLabel);
    columnLayout->addSpacing(8);
    columnLayout->addWidget(m_titleLabel);
    columnLayout->addWidget(m_statusLabel);
    columnLayout->addSpacing(16);
    columnLayout->addWidget(m_descriptionLabel);
    columnLayout->addSpacing(12);
    columnLayout->addWidget(m_summaryLabel);
    columnLayout->addWidget(m_hintLabel);
    column->setMaximumWidth(fontMetrics().averageCharWidth() * 72);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    // Stretches on both sides centre the column; it takes the width it may have, so
    // the wrapped labels get their full height.
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 8);
    row->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);

    updateFonts();
}

void EmptyStateWidget::setWorkspaceSummary(const QString &sentence, bool workspaceIsEmpty)
{
    m_summaryLabel->setText(sentence);
    m_hintLabel->setVisible(workspaceIsEmpty);
}

QString EmptyStateWidget::description(Area area)
{
    switch (area) {
    case Area::Onboarding:
        return tr("Sets up the Security Incident Response membership step by step: "
                  "prerequisites, the membership account and Region, the accounts in "
                  "scope, the incident response team, permissions and proactive response.");
    case Area::CaseBoard:
        return tr("Shows every case in seven columns, one per status from Submitted to "
                  "Closed. Dragging a card moves the case, and only the moves the service "
                  "allows are accepted.");
    case Area::TriageQueue:
        return tr("Lists GuardDuty and Security Hub findings in a queue driven from the "
                  "keyboard: suppress, mark as false positive or escalate into a case, with "
                  "rules that name the reason for every verdict.");
    case Area::Timeline:
        return tr("Puts a case's history on one time axis: edits, comments, status changes, "
                  "attachments and linked findings, in a hash chain that shows when an "
                  "entry was altered or removed.");
    case Area::Dashboard:
        return tr("Counts open cases by status and severity and findings by verdict, and "
                  "shows the mean time to acknowledge and to resolve.");
    }
    return {};
}

void EmptyStateWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The icon is drawn in palette colours, so a palette change (light to dark) redraws it.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange
        || event->type() == QEvent::PaletteChange)
        updateFonts();
}

void EmptyStateWidget::updateFonts()
{
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);

    const int iconSize = fontMetrics().height() * 4;
    // The pixmap follows the screen's device pixel ratio, so it stays sharp on high DPI.
    // Drawn in the disabled text colour: a quiet picture, not a control.
    m_iconLabel->setPixmap(
        areaIcon(m_area, style())
            .pixmap(QSize(iconSize, iconSize), devicePixelRatioF(), QIcon::Disabled));
}

} // namespace warroom::ui
