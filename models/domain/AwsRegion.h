#pragma once

#include <QtCore/QStringList>
#include <QtCore/QStringView>

namespace warroom::domain {

// The 36 values of the model's AwsRegion enum, in model order (no GovCloud).
QStringList awsRegions();
bool isAwsRegion(QStringView region);

} // namespace warroom::domain
