#include "buildplan.h"
#include "project.h"

namespace Keel {

QString BuildPlan::imagePath() const
{
    return buildDir + QLatin1Char('/') + projectName + QStringLiteral(".elf");
}

QString BuildPlan::unstrippedPath() const
{
    return profile == Profile::Debug ? imagePath()
                                     : buildDir + QLatin1Char('/') + projectName
                                           + QStringLiteral(".full.elf");
}

QString BuildPlan::mapPath() const
{
    return buildDir + QLatin1Char('/') + projectName + QStringLiteral(".map");
}

QString BuildPlan::isoPath() const
{
    return buildDir + QLatin1Char('/') + projectName + QStringLiteral(".iso");
}

QString BuildPlan::ninjaPath() const
{
    return buildDir + QStringLiteral("/build.ninja");
}

BuildPlan BuildPlan::locationOf(const Project &project, Profile profile)
{
    BuildPlan location;
    location.projectName = project.name;
    location.profile = profile;
    location.buildDir = project.buildDir(profileName(profile));
    return location;
}

} // namespace Keel
