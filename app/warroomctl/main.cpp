// warroomctl: the security-ir API from scripts, in the style of the AWS CLI.

#include "WarroomCtl.h"

#include <QtCore/QCoreApplication>
#include <QtGui/QGuiApplication>

#include <cstring>
#include <memory>

namespace {

// Only a PDF report needs fonts, hence a QGuiApplication (without a display).
bool needsGui(int argc, char *argv[])
{
    bool report = false;
    bool pdf = false;
    for (int i = 1; i < argc; ++i) {
        report = report || std::strcmp(argv[i], "report") == 0;
        pdf = pdf || std::strcmp(argv[i], "pdf") == 0 || std::strcmp(argv[i], "--format=pdf") == 0;
    }
    return report && pdf;
}

} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> application;
    if (needsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("warroomctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WARROOM_VERSION));

    warroom::ctl::WarroomCtl ctl;
    QObject::connect(&ctl, &warroom::ctl::WarroomCtl::finished, &app, &QCoreApplication::exit);
    const int immediate = ctl.start(app.arguments().mid(1));
    if (immediate >= 0)
        return immediate;
    return app.exec();
}
