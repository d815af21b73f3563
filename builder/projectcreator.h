// Creates a project from a template: copies every file except template.toml, replacing
// "{{name}}" with the project name in file contents. Shared by `keel new` and the IDE wizard.
//
//   QString error;
//   if (!Keel::ProjectCreator::create(*catalog.find("hello"), dir, "myapp", &error)) fail(error);
#pragma once

#include "templatecatalog.h"

#include <QString>

namespace Keel::ProjectCreator {

// Project names are [A-Za-z0-9_-]+ (they become file names and a C string).
bool isValidName(const QString &name, QString *why);

// Turns a folder name into a valid project name (invalid characters → '-'), or empty.
QString nameFromDirectory(const QString &dir);

// Refuses (and touches nothing) when targetDir exists and is not empty or the name is invalid.
bool create(const TemplateInfo &templ, const QString &targetDir, const QString &name,
            QString *error);

} // namespace Keel::ProjectCreator
