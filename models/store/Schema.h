#pragma once

#include <QStringList>

namespace warroom::store {

// The statements that take a database from schema `version - 1` to `version`.
// Version 1 creates everything from an empty file.
QStringList schemaMigration(int version);

} // namespace warroom::store
