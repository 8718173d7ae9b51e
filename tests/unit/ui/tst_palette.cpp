// The window under a light and a dark palette (Fusion): every label must read against
// its background and the area icons must take the palette's text colour, which fails
// as soon as a colour is hard-coded. Set WARROOM_SCREENSHOT_DIR to keep the renders.
#include "AreaIcons.h"
#include "MainWindow.h"
#include "Theme.h"
#include "store/Workspace.h"

#include <QtTest>
#include <QtWidgets>

using namespace Qt::StringLiterals;
using namespace warroom;

namespace {

// The console's own dark theme (ui/Theme), applied and read back.
QPalette darkPalette()
{
    ui::applyTheme(*qApp, ui::Theme::Dark);
    const QPalette palette = QApplication::palette();
    ui::applyTheme(*qApp, ui::Theme::Light);
    return palette;
}

// Relative luminance contrast (WCAG): 1 for equal colours, 21 for black on white.
double contrast(const QColor &a, const QColor &b)
{
    auto luminance = [](const QColor &color) {
        auto channel = [](double value) {
            return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

// The colour of the most opaque pixel: the stroke of a line icon.
QColor strokeColor(const QImage &image)
{
    QColor best(Qt::transparent);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel.alpha() > best.alpha())
                best = pixel;
        }
    }
    return best;
}

} // namespace

class TestPalette final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readsUnderPalette_data();
    void readsUnderPalette();
    void followsAPaletteChange();
    void themeMenuAppliesAndSaves();

private:
    QTemporaryDir m_root;
};

void TestPalette::initTestCase()
{
    QVERIFY(m_root.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"WarroomTests"_s);
    QCoreApplication::setApplicationName(u"tst_palette"_s);
    QSettings::setPath(
        QSettings::NativeFormat, QSettings::UserScope, m_root.filePath(u"settings"_s));
    QApplication::setStyle(u"Fusion"_s);
}

void TestPalette::readsUnderPalette_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << QApplication::style()->standardPalette() << false;
    QTest::newRow("dark") << darkPalette() << true;
}

void TestPalette::readsUnderPalette()
{
    QFETCH(QPalette, palette);
    QFETCH(bool, dark);
    QApplication::setPalette(palette);

    QString error;
    auto workspace = store::Workspace::open(m_root.filePath(u"workspace"_s), &error);
    QVERIFY2(workspace, qPrintable(error));
    ui::MainWindow window(std::move(workspace));
    window.resize(1100, 700);
    window.setCurrentArea(ui::Area::CaseBoard);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QList<QLabel *> labels = window.findChildren<QLabel *>();
    QVERIFY(labels.size() > 10);
    for (QLabel *label : labels) {
        const QPalette &own = label->palette();
        const QColor foreground = own.color(QPalette::Active, label->foregroundRole());
        QWidget *backgroundOwner = label->autoFillBackground() ? label : label->parentWidget();
        while (backgroundOwner && !backgroundOwner->autoFillBackground()
            && !backgroundOwner->isWindow())
            backgroundOwner = backgroundOwner->parentWidget();
        QVERIFY(backgroundOwner);
        const QColor background
            = backgroundOwner->palette().color(QPalette::Active, backgroundOwner->backgroundRole());
        QVERIFY2(contrast(foreground, background) >= 3.0,
            qPrintable(
                u"%1: %2 on %3"_s.arg(label->objectName(), foreground.name(), background.name())));
    }

    // The tinted icons follow the palette: light strokes on dark, dark strokes on light.
    const QColor text = palette.color(QPalette::Active, QPalette::WindowText);
    for (int index = 0; index < ui::AreaCount; ++index) {
        const QIcon icon = ui::areaIcon(static_cast<ui::Area>(index), window.style());
        const QImage image = icon.pixmap(QSize(32, 32), 1.0).toImage();
        QVERIFY(!image.isNull());
        const QColor stroke = strokeColor(image);
        QVERIFY(stroke.alpha() > 200);
        QVERIFY2(qAbs(stroke.lightness() - text.lightness()) < 24,
            qPrintable(
                u"icon %1: stroke %2, text %3"_s.arg(index).arg(stroke.name(), text.name())));
        QCOMPARE(stroke.lightness() > 128, dark);
    }

    const QString shots = qEnvironmentVariable("WARROOM_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QVERIFY(QDir().mkpath(shots));
        const QString file = QDir(shots).filePath(
            u"offscreen-%1.png"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
        QVERIFY(window.grab().save(file));
    }
}

void TestPalette::followsAPaletteChange()
{
    QApplication::setPalette(QApplication::style()->standardPalette());
    QString error;
    auto workspace = store::Workspace::open(m_root.filePath(u"workspace"_s), &error);
    QVERIFY2(workspace, qPrintable(error));
    ui::MainWindow window(std::move(workspace));
    window.setCurrentArea(ui::Area::Dashboard);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto iconStroke = [&window] {
        auto *state = window.findChild<QWidget *>(u"dashboardEmptyStateWidget"_s);
        auto *label = state ? state->findChild<QLabel *>(u"emptyStateIconLabel"_s) : nullptr;
        return label ? strokeColor(label->pixmap().toImage()) : QColor();
    };
    // The quiet icon is drawn in the disabled text colour of whatever palette is current.
    auto expected = [] {
        return QApplication::palette().color(QPalette::Disabled, QPalette::WindowText);
    };
    auto near = [](const QColor &a, const QColor &b) {
        return qAbs(a.red() - b.red()) + qAbs(a.green() - b.green()) + qAbs(a.blue() - b.blue())
            < 24;
    };
    const QColor light = iconStroke();
    QVERIFY(light.isValid() && light.alpha() > 200);
    QVERIFY2(near(light, expected()), qPrintable(light.name() + u" vs "_s + expected().name()));

    QApplication::setPalette(darkPalette());
    QVERIFY(!near(expected(), light)); // the palettes really differ here
    // Qt hands the new palette to the widgets through posted events.
    QTRY_VERIFY2(near(iconStroke(), expected()),
        qPrintable(iconStroke().name() + u" vs "_s + expected().name()));
    QVERIFY(iconStroke().alpha() > 200);
}

void TestPalette::themeMenuAppliesAndSaves()
{
    QCOMPARE(ui::parseTheme(u"Dark"_s), std::optional<ui::Theme>(ui::Theme::Dark));
    QVERIFY(!ui::parseTheme(u"sepia"_s));
    ui::applyTheme(*qApp, ui::Theme::Light);
    QString error;
    auto workspace = store::Workspace::open(m_root.filePath(u"workspace"_s), &error);
    QVERIFY2(workspace, qPrintable(error));
    ui::MainWindow window(std::move(workspace));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *dark = window.findChild<QAction *>(u"themedarkAction"_s);
    auto *light = window.findChild<QAction *>(u"themelightAction"_s);
    QVERIFY(dark && light);
    QVERIFY(light->isChecked());
    QVERIFY(!ui::paletteIsDark());

    dark->trigger();
    QVERIFY(ui::paletteIsDark());
    QCOMPARE(ui::currentTheme(), ui::Theme::Dark);
    QCOMPARE(ui::savedTheme(), ui::Theme::Dark); // the next start opens dark too
    QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
    // Open views take it: the sidebar repaints with the dark window colour.
    QTRY_VERIFY(window.palette().color(QPalette::Window).lightness() < 128);

    light->trigger();
    QVERIFY(!ui::paletteIsDark());
    QCOMPARE(ui::savedTheme(), ui::Theme::Light);
}

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
