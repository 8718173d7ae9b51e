#include "TimelineAxis.h"

#include "timeline/TimelineEntryText.h"
#include "timeline/TimelineModel.h"

#include <QDateTime>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QTimeZone>
#include <QWheelEvent>

#include <array>
#include <cmath>

namespace warroom::ui {

using namespace Qt::StringLiterals;
using timeline::TimelineModel;

namespace {

constexpr qint64 Minute = 60LL * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
constexpr int PickRadius = 5;

// Tick steps from a minute to a year; months and years follow the calendar.
struct TickStep
{
    qint64 ms; // approximate for months and years
    int months; // > 0: a calendar step of that many months
    const char16_t *format; // label of a tick
};

constexpr std::array<TickStep, 19> TickSteps {{
    {Minute, 0, u"HH:mm"},
    {2 * Minute, 0, u"HH:mm"},
    {5 * Minute, 0, u"HH:mm"},
    {10 * Minute, 0, u"HH:mm"},
    {15 * Minute, 0, u"HH:mm"},
    {30 * Minute, 0, u"HH:mm"},
    {Hour, 0, u"HH:mm"},
    {2 * Hour, 0, u"HH:mm"},
    {3 * Hour, 0, u"HH:mm"},
    {6 * Hour, 0, u"HH:mm"},
    {12 * Hour, 0, u"HH:mm"},
    {Day, 0, u"MMM d"},
    {2 * Day, 0, u"MMM d"},
    {7 * Day, 0, u"MMM d"},
    {14 * Day, 0, u"MMM d"},
    {30 * Day, 1, u"MMM yyyy"},
    {91 * Day, 3, u"MMM yyyy"},
    {182 * Day, 6, u"MMM yyyy"},
    {365 * Day, 12, u"yyyy"},
}};

QDateTime utcAt(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

// The first tick at or before `ms` for `step`.
qint64 firstTick(qint64 ms, const TickStep &step)
{
    if (step.months > 0) {
        const QDate date = utcAt(ms).date();
        const int month0 = (date.month() - 1) / step.months * step.months;
        return QDateTime(QDate(date.year(), month0 + 1, 1), QTime(0, 0), QTimeZone::utc())
            .toMSecsSinceEpoch();
    }
    if (step.ms >= Day) {
        // Days and weeks from midnight UTC; weeks start on Monday.
        QDate date = utcAt(ms).date();
        if (step.ms == 7 * Day || step.ms == 14 * Day)
            date = date.addDays(1 - date.dayOfWeek());
        return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    }
    return ms - ((ms % step.ms) + step.ms) % step.ms;
}

qint64 nextTick(qint64 ms, const TickStep &step)
{
    if (step.months > 0)
        return utcAt(ms).addMonths(step.months).toMSecsSinceEpoch();
    return ms + step.ms;
}

} // namespace

TimelineAxis::TimelineAxis(TimelineModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(u"timelineAxisWidget"_s);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_AcceptTouchEvents, false);
    setMouseTracking(false);
    setAccessibleName(tr("Timeline axis"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_startMs = now - Day;
    m_endMs = now;
    connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineAxis::modelChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { update(); });
    connect(m_model, &TimelineModel::verified, this, [this] { update(); });
    modelChanged();
}

QSize TimelineAxis::sizeHint() const
{
    return {800, headerHeight() + 7 * (fontMetrics().height() + 10)};
}

QSize TimelineAxis::minimumSizeHint() const
{
    return {300, headerHeight() + 3 * (fontMetrics().height() + 4)};
}

qint64 TimelineAxis::nowMs() const
{
    return m_nowMs > 0 ? m_nowMs : QDateTime::currentMSecsSinceEpoch();
}

void TimelineAxis::modelChanged()
{
    m_lanes = m_model->kinds();
    int widest = fontMetrics().horizontalAdvance(tr("Analyst entry"));
    for (const QString &kind : std::as_const(m_lanes))
        widest
            = qMax(widest, fontMetrics().horizontalAdvance(timeline::entrytext::kindTitle(kind)));
    m_labelWidth = widest + 20;
    if (m_model->totalCount() == 0) {
        m_fitted = false;
        m_currentSeq = 0;
    } else if (!m_fitted) {
        fitAll();
    }
    if (m_currentSeq != 0 && m_model->rowOfSeq(m_currentSeq) < 0 && m_model->totalCount() == 0)
        m_currentSeq = 0;
    update();
}

void TimelineAxis::setVisibleRange(qint64 startMs, qint64 endMs)
{
    qint64 span = qBound(MinSpanMs, endMs - startMs, MaxSpanMs);
    const qint64 centre = startMs / 2 + endMs / 2;
    startMs = centre - span / 2;
    endMs = startMs + span;
    if (startMs == m_startMs && endMs == m_endMs)
        return;
    m_startMs = startMs;
    m_endMs = endMs;
    update();
    emit visibleRangeChanged(m_startMs, m_endMs);
}

void TimelineAxis::fitAll()
{
    if (m_model->totalCount() == 0) {
        const qint64 now = nowMs();
        setVisibleRange(now - Day, now + Hour);
        return;
    }
    m_fitted = true;
    const qint64 first = m_model->firstTimeMs();
    const qint64 last = m_model->lastTimeMs();
    const qint64 margin = qMax<qint64>((last - first) / 20, 5 * Minute);
    setVisibleRange(first - margin, last + margin);
}

void TimelineAxis::zoom(double factor, int anchorX)
{
    const qint64 span = m_endMs - m_startMs;
    const qint64 anchor = timeForX(qBound(laneLeft(), anchorX, width() - 1));
    const auto newSpan = qBound(MinSpanMs, qint64(double(span) * factor), MaxSpanMs);
    if (newSpan == span)
        return;
    // Keep the anchor's fraction of the width where it is.
    const double fraction = span > 0 ? double(anchor - m_startMs) / double(span) : 0.5;
    const qint64 start = anchor - qint64(fraction * double(newSpan));
    m_startMs = start;
    m_endMs = start + newSpan;
    update();
    emit visibleRangeChanged(m_startMs, m_endMs);
}

void TimelineAxis::pan(int pixels)
{
    const int laneWidth = qMax(1, width() - laneLeft());
    const qint64 delta = qint64(double(pixels) * double(m_endMs - m_startMs) / laneWidth);
    m_startMs += delta;
    m_endMs += delta;
    update();
    emit visibleRangeChanged(m_startMs, m_endMs);
}

int TimelineAxis::xForTime(qint64 ms) const
{
    const int laneWidth = qMax(1, width() - laneLeft());
    const double span = double(qMax<qint64>(1, m_endMs - m_startMs));
    return laneLeft() + int(std::floor(double(ms - m_startMs) * laneWidth / span));
}

qint64 TimelineAxis::timeForX(int x) const
{
    const int laneWidth = qMax(1, width() - laneLeft());
    return m_startMs + qint64(double(x - laneLeft()) * double(m_endMs - m_startMs) / laneWidth);
}

int TimelineAxis::headerHeight() const
{
    return fontMetrics().height() + 10;
}

QRect TimelineAxis::laneRect(const QString &kind) const
{
    const auto lane = m_lanes.indexOf(kind);
    if (lane < 0)
        return {};
    const int top = headerHeight();
    const int laneHeight = qMax(1, (height() - top) / int(qMax<qsizetype>(1, m_lanes.size())));
    return {0, top + int(lane) * laneHeight, width(), laneHeight};
}

QColor TimelineAxis::kindColor(const QString &kind)
{
    if (kind == u"analyst")
        return QColor(0xe6, 0x7e, 0x22);
    if (kind == u"status")
        return QColor(0x2e, 0x86, 0xc1);
    if (kind == u"caseEdit")
        return QColor(0x8c, 0x96, 0x9f);
    if (kind == u"comment")
        return QColor(0x27, 0xae, 0x60);
    if (kind == u"attachment")
        return QColor(0x9b, 0x59, 0xb6);
    if (kind == u"investigation")
        return QColor(0xc9, 0xa2, 0x27);
    if (kind == u"finding")
        return QColor(0x16, 0xa0, 0x85);
    return QColor::fromHsv(int(qHash(kind) % 360), 140, 200);
}

qint64 TimelineAxis::seqAt(const QPoint &pos) const
{
    if (pos.x() < laneLeft())
        return 0;
    QString lane;
    for (const QString &kind : m_lanes)
        if (laneRect(kind).contains(pos))
            lane = kind;
    const int from = m_model->lowerBound(timeForX(pos.x() - PickRadius));
    const int to = m_model->lowerBound(timeForX(pos.x() + PickRadius + 1));
    qint64 best = 0;
    int bestDistance = PickRadius + 1;
    for (int row = from; row < to; ++row) {
        const timeline::TimelineRow &e = m_model->entry(row);
        if (!lane.isEmpty() && e.kind != lane)
            continue;
        const int distance = qAbs(xForTime(e.timeMs) - pos.x());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = e.seq;
        }
    }
    return best;
}

void TimelineAxis::setCurrentSeq(qint64 seq)
{
    if (seq == m_currentSeq)
        return;
    m_currentSeq = seq;
    const int row = m_model->rowOfSeq(seq);
    if (row >= 0) {
        const qint64 t = m_model->entry(row).timeMs;
        const qint64 span = m_endMs - m_startMs;
        if (t < m_startMs || t > m_endMs)
            setVisibleRange(t - span / 2, t - span / 2 + span);
    }
    update();
}

void TimelineAxis::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const qint64 seq = m_model->entry(row).seq;
    if (seq == m_currentSeq)
        return;
    setCurrentSeq(seq);
    emit currentSeqChanged(seq);
}

void TimelineAxis::stepEntry(int rows)
{
    const int count = m_model->rowCount();
    if (count == 0)
        return;
    int row = m_model->rowOfSeq(m_currentSeq);
    if (row < 0) {
        // Nothing current: start from the first entry in view.
        row = qMin(m_model->lowerBound(m_startMs), count - 1);
        selectRow(row);
        return;
    }
    selectRow(qBound(0, row + rows, count - 1));
}

bool TimelineAxis::event(QEvent *event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoom(1.0 / (1.0 + gesture->value()), int(gesture->position().x()));
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void TimelineAxis::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const bool horizontal = qAbs(delta.x()) > qAbs(delta.y());
    if (horizontal || event->modifiers() & Qt::ShiftModifier) {
        const int steps = horizontal ? delta.x() : delta.y();
        pan(-steps * (width() - laneLeft()) / 120 / 10);
    } else if (delta.y() != 0) {
        // Plain and Ctrl+wheel both zoom around the pointer; one notch is 0.8x.
        zoom(std::pow(0.8, double(delta.y()) / 120.0), int(event->position().x()));
    }
    event->accept();
}

void TimelineAxis::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressPos = event->position().toPoint();
    m_pressStartMs = m_startMs;
    m_dragging = false;
    event->accept();
}

void TimelineAxis::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const int dx = event->position().toPoint().x() - m_pressPos.x();
    if (!m_dragging && qAbs(dx) < 4)
        return;
    m_dragging = true;
    setCursor(Qt::ClosedHandCursor);
    const qint64 span = m_endMs - m_startMs;
    const qint64 delta = qint64(double(dx) * double(span) / double(qMax(1, width() - laneLeft())));
    m_startMs = m_pressStartMs - delta;
    m_endMs = m_startMs + span;
    update();
    emit visibleRangeChanged(m_startMs, m_endMs);
}

void TimelineAxis::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (m_dragging) {
        m_dragging = false;
        unsetCursor();
        return;
    }
    const qint64 seq = seqAt(event->position().toPoint());
    if (seq != 0 && seq != m_currentSeq) {
        setCurrentSeq(seq);
        emit currentSeqChanged(seq);
    }
}

void TimelineAxis::keyPressEvent(QKeyEvent *event)
{
    const int centre = laneLeft() + (width() - laneLeft()) / 2;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoom(0.5, centre);
        break;
    case Qt::Key_Minus:
        zoom(2.0, centre);
        break;
    case Qt::Key_0:
        fitAll();
        break;
    case Qt::Key_Left:
        stepEntry(-1);
        break;
    case Qt::Key_Right:
        stepEntry(1);
        break;
    case Qt::Key_Home:
        selectRow(0);
        break;
    case Qt::Key_End:
        selectRow(m_model->rowCount() - 1);
        break;
    case Qt::Key_PageUp:
        pan(-(width() - laneLeft()) / 2);
        break;
    case Qt::Key_PageDown:
        pan((width() - laneLeft()) / 2);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineAxis::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    update();
}

void TimelineAxis::paintTicks(QPainter &painter, const QRect &area)
{
    const qint64 span = m_endMs - m_startMs;
    const int laneWidth = qMax(1, area.width());
    const int minSpacing = fontMetrics().horizontalAdvance(u"MMM 00 0000"_s) + 12;
    const TickStep *step = &TickSteps.back();
    for (const TickStep &candidate : TickSteps) {
        if (double(candidate.ms) * laneWidth / double(qMax<qint64>(1, span)) >= minSpacing) {
            step = &candidate;
            break;
        }
    }
    const QColor grid = palette().color(QPalette::Mid);
    const QColor text = palette().color(QPalette::WindowText);
    const int header = headerHeight();
    int lastLabelRight = -1;
    qint64 lastDay = -1;
    for (qint64 t = firstTick(m_startMs, *step); t <= m_endMs; t = nextTick(t, *step)) {
        const int x = xForTime(t);
        if (x < area.left())
            continue;
        painter.setPen(QPen(grid, 1, Qt::DotLine));
        painter.drawLine(x, header, x, area.bottom());
        // Sub-day ticks name the day where it changes.
        QString label = utcAt(t).toString(QString::fromUtf16(step->format));
        const qint64 day = t / Day;
        if (step->ms < Day && day != lastDay)
            label = utcAt(t).toString(u"MMM d HH:mm"_s);
        lastDay = day;
        const int labelWidth = fontMetrics().horizontalAdvance(label);
        if (x + 3 > lastLabelRight && x + 3 + labelWidth < width()) {
            painter.setPen(text);
            painter.drawLine(x, header - 6, x, header);
            painter.drawText(QPoint(x + 3, fontMetrics().ascent() + 3), label);
            lastLabelRight = x + 3 + labelWidth + 8;
        }
    }
}

void TimelineAxis::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    const int header = headerHeight();
    const QRect laneArea(laneLeft(), header, width() - laneLeft(), height() - header);

    // Lanes: alternate bands, names on the left.
    for (qsizetype i = 0; i < m_lanes.size(); ++i) {
        const QRect band = laneRect(m_lanes.at(i));
        if (i % 2 == 1)
            painter.fillRect(band, pal.color(QPalette::AlternateBase));
    }
    painter.fillRect(QRect(0, 0, laneLeft(), height()), pal.color(QPalette::Window));
    painter.fillRect(
        QRect(laneLeft(), 0, width() - laneLeft(), header), pal.color(QPalette::Window));
    paintTicks(painter, laneArea);
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(laneLeft(), header, width(), header);
    painter.drawLine(laneLeft(), 0, laneLeft(), height());
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(
        QRect(4, 0, laneLeft() - 8, header), Qt::AlignVCenter | Qt::AlignLeft, tr("UTC"));
    for (const QString &kind : std::as_const(m_lanes)) {
        const QRect band = laneRect(kind);
        painter.fillRect(QRect(4, band.center().y() - 4, 8, 8), kindColor(kind));
        painter.drawText(QRect(16, band.top(), laneLeft() - 18, band.height()),
            Qt::AlignVCenter | Qt::AlignLeft,
            fontMetrics().elidedText(
                timeline::entrytext::kindTitle(kind), Qt::ElideRight, laneLeft() - 18));
    }

    painter.setClipRect(laneArea);
    // Entries: a tick each; entries in one lane closer than a pixel share one.
    const int count = m_model->rowCount();
    const qint64 margin = (m_endMs - m_startMs) / qMax(1, laneArea.width()) * PickRadius;
    const int from = m_model->lowerBound(m_startMs - margin);
    const int to = qMin(count, m_model->lowerBound(m_endMs + margin + 1));
    const auto lanes = int(m_lanes.size());
    std::vector<int> lastX(size_t(lanes) + 1, INT_MIN);
    std::vector<QRect> bands;
    std::vector<QColor> colors;
    for (const QString &kind : std::as_const(m_lanes)) {
        bands.push_back(laneRect(kind));
        colors.push_back(kindColor(kind));
    }
    for (int row = from; row < to; ++row) {
        const timeline::TimelineRow &e = m_model->entry(row);
        const int lane = e.lane; // the axis' lanes are the model's kinds, in order
        if (lane < 0 || lane >= lanes)
            continue;
        const int x = xForTime(e.timeMs);
        if (x == lastX[size_t(lane)])
            continue;
        lastX[size_t(lane)] = x;
        const QRect &band = bands[size_t(lane)];
        const int inset = band.height() / 5;
        painter.fillRect(
            QRect(x - 1, band.top() + inset, 3, band.height() - 2 * inset), colors[size_t(lane)]);
    }

    painter.setRenderHint(QPainter::Antialiasing);
    // The first bad entry of the chain, crossed.
    const timeline::ChainVerification verification = m_model->verification();
    if (m_model->hasVerification() && !verification.ok) {
        const int row = m_model->rowOfSeq(verification.firstBadSeq);
        if (row >= 0) {
            const timeline::TimelineRow &e = m_model->entry(row);
            const QRect band = laneRect(e.kind);
            const QPoint c(xForTime(e.timeMs), band.center().y());
            painter.setPen(QPen(QColor(0xe5, 0x39, 0x35), 3));
            painter.drawLine(c + QPoint(-7, -7), c + QPoint(7, 7));
            painter.drawLine(c + QPoint(-7, 7), c + QPoint(7, -7));
        }
    }
    // The current entry, ringed.
    if (const int row = m_model->rowOfSeq(m_currentSeq); row >= 0) {
        const timeline::TimelineRow &e = m_model->entry(row);
        const QRect band = laneRect(e.kind);
        const QPoint c(xForTime(e.timeMs), band.center().y());
        const int r = qBound(6, band.height() / 3, 10);
        painter.setPen(QPen(pal.color(QPalette::Highlight), 3));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(c, r, r);
    }
    // Now.
    const qint64 now = nowMs();
    if (now >= m_startMs && now <= m_endMs) {
        const int x = xForTime(now);
        painter.setClipping(false);
        painter.setPen(QPen(QColor(0xe5, 0x39, 0x35), 2, Qt::DashLine));
        painter.drawLine(x, header, x, height());
        painter.setPen(QColor(0xe5, 0x39, 0x35));
        const QString label = tr("now");
        painter.drawText(QPoint(qMin(x + 3, width() - fontMetrics().horizontalAdvance(label) - 2),
                             header + fontMetrics().ascent() + 2),
            label);
    }
    if (hasFocus()) {
        painter.setClipping(false);
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(QPen(pal.color(QPalette::Highlight), 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

} // namespace warroom::ui
