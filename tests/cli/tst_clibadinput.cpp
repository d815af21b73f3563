// keel on broken projects: every mistake must name its file:line:col, suggest a fix and exit
// non-zero. A failure here means a user would be left guessing what is wrong with their project.
#include "keelprocess.h"

#include <QDir>
#include <QRegularExpression>
#include <gtest/gtest.h>

namespace {

QProcessEnvironment withTree(const QString &root)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("KEEL_ROOT"), root);
    return environment;
}

void setFeatures(const QString &project, const QByteArray &kernelSection)
{
    writeFile(project + QStringLiteral("/keel.toml"),
              "[project]\nname = \"app\"\n\n[kernel]\n" + kernelSection + "\n");
}

bool hasLocation(const QString &text, const QString &file, int line)
{
    return QRegularExpression(QRegularExpression::escape(file) + QStringLiteral(":%1:\\d+: error: ").arg(line))
        .match(text).hasMatch();
}

} // namespace

TEST(CliBadInput, MalformedKeelTomlPointsAtLineAndColumn)
{
    QTemporaryDir base;
    const QString project = newProject(base);
    writeFile(project + QStringLiteral("/keel.toml"), "[project]\nname = \"app\"\nsources = [\"src/*.cpp\"\n");
    const KeelOutput build = runKeel({QStringLiteral("build")}, project);
    EXPECT_EQ(build.exitCode, 1);
    EXPECT_TRUE(QRegularExpression(QStringLiteral("keel\\.toml:\\d+:\\d+: error: ")).match(build.err).hasMatch())
        << qPrintable(build.err);
}

TEST(CliBadInput, UnknownFeatureSuggestsTheNearestName)
{
    QTemporaryDir base;
    const QString project = newProject(base);
    setFeatures(project, "features = [\"serial\", \"seral\"]");
    const KeelOutput build = runKeel({QStringLiteral("build")}, project);
    EXPECT_EQ(build.exitCode, 1);
    EXPECT_TRUE(hasLocation(build.err, QStringLiteral("keel.toml"), 5)) << qPrintable(build.err);
    EXPECT_TRUE(build.err.contains(u"seral"));
    EXPECT_TRUE(build.err.contains(u"'serial'")) << qPrintable(build.err);
    const KeelOutput explain = runKeel({QStringLiteral("features"), QStringLiteral("--explain"), QStringLiteral("serail")}, project);
    EXPECT_NE(explain.exitCode, 0);
}

TEST(CliBadInput, ConflictShowsBothSidesOfTheChain)
{
    QTemporaryDir base;
    const QString project = newProject(base);
    const QString tree = fakeTree(base, {
        {QStringLiteral("alpha"), "id = \"alpha\"\ntitle = \"Alpha\"\ncategory = \"Test\"\nhelp = \"A.\"\n"
                                  "selects = [\"gamma\"]\nsources = []\n"},
        {QStringLiteral("beta"), "id = \"beta\"\ntitle = \"Beta\"\ncategory = \"Test\"\nhelp = \"B.\"\nsources = []\n"},
        {QStringLiteral("gamma"), "id = \"gamma\"\ntitle = \"Gamma\"\ncategory = \"Test\"\nhelp = \"G.\"\n"
                                  "conflicts = [\"beta\"]\nsources = []\n"}});
    setFeatures(project, "features = [\"alpha\", \"beta\"]");
    const KeelOutput features = runKeel({QStringLiteral("features")}, project, withTree(tree));
    EXPECT_EQ(features.exitCode, 1);
    EXPECT_TRUE(features.err.contains(u"conflicts with")) << qPrintable(features.err);
    EXPECT_TRUE(features.err.contains(u"gamma") && features.err.contains(u"beta")) << qPrintable(features.err);
    EXPECT_TRUE(features.err.contains(u"alpha")) << "the chain names who selected gamma: " << qPrintable(features.err);
}

TEST(CliBadInput, DependsCycleIsPrintedAsAChain)
{
    QTemporaryDir base;
    const QString project = newProject(base);
    const QString tree = fakeTree(base, {
        {QStringLiteral("ping"), "id = \"ping\"\ntitle = \"Ping\"\ncategory = \"Test\"\nhelp = \"P.\"\n"
                                 "depends = \"pong\"\nsources = []\n"},
        {QStringLiteral("pong"), "id = \"pong\"\ntitle = \"Pong\"\ncategory = \"Test\"\nhelp = \"Q.\"\n"
                                 "depends = \"ping\"\nsources = []\n"}});
    setFeatures(project, "features = [\"ping\"]");
    const KeelOutput features = runKeel({QStringLiteral("features")}, project, withTree(tree));
    EXPECT_EQ(features.exitCode, 1);
    EXPECT_TRUE(features.err.contains(u"ping → pong → ping") || features.err.contains(u"pong → ping → pong"))
        << qPrintable(features.err);
}

TEST(CliBadInput, OptionOutOfRangePointsAtKeelToml)
{
    QTemporaryDir base;
    const QString project = newProject(base);
    const QString tree = fakeTree(base, {
        {QStringLiteral("tuning"), "id = \"tuning\"\ntitle = \"Tuning\"\ncategory = \"Test\"\nhelp = \"T.\"\n"
                                   "sources = []\n\n[options.level]\ntype = \"int\"\ndefault = 1\nmin = 1\nmax = 3\n"
                                   "help = \"How much.\"\n"}});
    setFeatures(project, "features = [\"tuning\"]\n\n[kernel.options]\ntuning.level = 9");
    const KeelOutput features = runKeel({QStringLiteral("features")}, project, withTree(tree));
    EXPECT_EQ(features.exitCode, 1);
    EXPECT_TRUE(hasLocation(features.err, QStringLiteral("keel.toml"), 8)) << qPrintable(features.err);
    EXPECT_TRUE(features.err.contains(u"9")) << qPrintable(features.err);
}

TEST(CliBadInput, MissingSourceFileIsNamed)
{
    QTemporaryDir base;
    const QString project = newProject(base);
    writeFile(project + QStringLiteral("/keel.toml"),
              "[project]\nname = \"app\"\nsources = [\"src/main.cpp\", \"src/missing.cpp\"]\n");
    const KeelOutput build = runKeel({QStringLiteral("build")}, project);
    EXPECT_EQ(build.exitCode, 1);
    EXPECT_TRUE(build.err.contains(u"missing.cpp")) << qPrintable(build.err);
    EXPECT_TRUE(build.err.contains(u"keel.toml:3:")) << qPrintable(build.err);
}

TEST(CliBadInput, CompileErrorInUserCodeIsAGccStyleDiagnostic)
{
    QTemporaryDir base;
    const QString project = newProject(base);
    writeFile(project + QStringLiteral("/src/main.cpp"), "int main()\n{\n    return undeclared_thing;\n}\n");
    const KeelOutput build = runKeel({QStringLiteral("build")}, project + QStringLiteral("/src"));
    EXPECT_EQ(build.exitCode, 1);
    EXPECT_TRUE(hasLocation(build.err, QStringLiteral("main.cpp"), 3)) << qPrintable(build.err);
    EXPECT_TRUE(build.err.contains(u"undeclared_thing")) << qPrintable(build.err);
    EXPECT_TRUE(build.err.contains(u"keel: error: build failed"));
    EXPECT_TRUE(build.out.contains(u"[1/")) << "progress lines: " << qPrintable(build.out);
}
