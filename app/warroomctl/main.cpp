// warroomctl: the security-ir API from scripts, in the style of the AWS CLI.

#include "WarroomCtl.h"

#include <QtCore/QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("warroomctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WARROOM_VERSION));

    warroom::ctl::WarroomCtl ctl;
    QObject::connect(&ctl, &warroom::ctl::WarroomCtl::finished, &app, &QCoreApplication::exit);
    const int immediate = ctl.start(app.arguments().mid(1));
    if (immediate >= 0)
        return immediate;
    return app.exec();
}
