#pragma once

#include <QColor>
#include <QPoint>
#include <QStringList>
#include <QWidget>

namespace warroom::timeline {
class TimelineModel;
}

namespace warroom::ui {

// The time axis of one case: one lane per kind, a tick per entry (entries closer than a
// pixel share it), a "now" marker, the current entry ringed and the first bad entry of
// the chain crossed. Zoom with the wheel, Ctrl+wheel, a pinch or +/- (minutes to
// months); pan by dragging, Shift+wheel or PageUp/PageDown; Left/Right/Home/End move
// between entries.
class TimelineAxis final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineAxis)

public:
    static constexpr qint64 MinSpanMs = 2LL * 60 * 1000; // two minutes
    static constexpr qint64 MaxSpanMs = 3LL * 365 * 24 * 3600 * 1000; // three years

    explicit TimelineAxis(timeline::TimelineModel *model, QWidget *parent = nullptr);

    qint64 visibleStartMs() const { return m_startMs; }
    qint64 visibleEndMs() const { return m_endMs; }
    void setVisibleRange(qint64 startMs, qint64 endMs);
    // Shows every entry of the case (with a margin), or the last day when there is none.
    void fitAll();
    // Zooms by `factor` (< 1 zooms in) keeping the time under `anchorX` in place.
    void zoom(double factor, int anchorX);

    qint64 currentSeq() const { return m_currentSeq; }
    // Rings the entry and scrolls it into view when it is outside; 0 clears.
    void setCurrentSeq(qint64 seq);
    // Where the clock of the "now" marker comes from (tests pin it); invalid = now.
    void setNow(qint64 ms)
    {
        m_nowMs = ms;
        update();
    }
    qint64 nowMs() const;

    // The x of `ms` and back; the lanes start at laneLeft().
    int xForTime(qint64 ms) const;
    qint64 timeForX(int x) const;
    int laneLeft() const { return m_labelWidth; }
    // The lane band of `kind` (empty rect when it has none).
    QRect laneRect(const QString &kind) const;
    // The entry drawn nearest to `pos` within a few pixels, or 0.
    qint64 seqAt(const QPoint &pos) const;

    static QColor kindColor(const QString &kind);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void currentSeqChanged(qint64 seq);
    void visibleRangeChanged(qint64 startMs, qint64 endMs);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void modelChanged();
    void pan(int pixels);
    void stepEntry(int rows);
    void selectRow(int row);
    int headerHeight() const;
    void paintTicks(QPainter &painter, const QRect &area);

    timeline::TimelineModel *m_model;
    QStringList m_lanes;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    qint64 m_currentSeq = 0;
    qint64 m_nowMs = 0;
    int m_labelWidth = 0;
    QPoint m_pressPos;
    qint64 m_pressStartMs = 0;
    bool m_dragging = false;
    bool m_fitted = false;
};

} // namespace warroom::ui
