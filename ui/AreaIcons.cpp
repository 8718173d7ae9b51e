#include "AreaIcons.h"

#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QStyle>

namespace warroom::ui {

using namespace Qt::StringLiterals;

namespace {

// Renders a black line drawing and recolours it with the palette at paint time,
// so a palette change (light to dark) needs no new icon.
class PaletteTintedIconEngine final : public QIconEngine
{
public:
    explicit PaletteTintedIconEngine(const QIcon &shape)
        : m_shape(shape)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        QPixmap tinted = pixmap(rect.size() * ratio, mode, state);
        tinted.setDevicePixelRatio(ratio);
        painter->drawPixmap(rect, tinted);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap shape = m_shape.pixmap(size, 1.0, QIcon::Normal, state);
        if (shape.isNull())
            return shape;
        QPainter painter(&shape);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(shape.rect(), colorFor(mode));
        return shape;
    }

    QIconEngine *clone() const override { return new PaletteTintedIconEngine(m_shape); }
    QString key() const override { return u"warroom.paletteTinted"_s; }

private:
    static QColor colorFor(QIcon::Mode mode)
    {
        const QPalette palette = QGuiApplication::palette();
        switch (mode) {
        case QIcon::Selected:
            return palette.color(QPalette::Active, QPalette::HighlightedText);
        case QIcon::Disabled:
            return palette.color(QPalette::Disabled, QPalette::WindowText);
        case QIcon::Normal:
        case QIcon::Active:
            break;
        }
        return palette.color(QPalette::Active, QPalette::WindowText);
    }

    QIcon m_shape;
};

QString shapeFile(Area area)
{
    switch (area) {
    case Area::Onboarding:
        return u":/warroom/icons/area-membership.svg"_s;
    case Area::CaseBoard:
        return u":/warroom/icons/area-caseboard.svg"_s;
    case Area::TriageQueue:
        return u":/warroom/icons/area-triage.svg"_s;
    case Area::Timeline:
        return u":/warroom/icons/area-timeline.svg"_s;
    case Area::Dashboard:
        return u":/warroom/icons/area-dashboard.svg"_s;
    }
    return {};
}

QStyle::StandardPixmap fallbackPixmap(Area area)
{
    switch (area) {
    case Area::Onboarding:
        return QStyle::SP_DialogApplyButton;
    case Area::CaseBoard:
        return QStyle::SP_FileDialogDetailedView;
    case Area::TriageQueue:
        return QStyle::SP_FileDialogListView;
    case Area::Timeline:
        return QStyle::SP_FileDialogInfoView;
    case Area::Dashboard:
        return QStyle::SP_ComputerIcon;
    }
    return QStyle::SP_FileIcon;
}

} // namespace

QIcon areaIcon(Area area, const QStyle *style)
{
    const QIcon shape(shapeFile(area));
    // Without Qt's SVG plugin the shape cannot be drawn; a standard icon is better
    // than an empty square.
    if (shape.pixmap(QSize(16, 16)).isNull() && style)
        return style->standardIcon(fallbackPixmap(area));
    return QIcon(new PaletteTintedIconEngine(shape));
}

QIcon applicationIcon()
{
    return QIcon(u":/warroom/icons/warroom.svg"_s);
}

} // namespace warroom::ui
