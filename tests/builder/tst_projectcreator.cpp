// `keel new` and the IDE wizard: templates are listed and copied with the name filled in.
#include "projectcreator.h"
#include "templatecatalog.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>

using namespace Keel;
using KeelTest::TempProject;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

struct Templates {
    TempProject dir;
    Templates()
    {
        dir.write("hello/template.toml", "title = \"Hello\"\ndescription = \"Prints a greeting.\"\n");
        dir.write("hello/keel.toml", "[project]\nname = \"{{name}}\"\n");
        dir.write("hello/src/main.cpp", "// {{name}} says {{name}}\nint main() { return 0; }\n");
        dir.write("hello/.gitignore", "build/\n");
        dir.write("bare/template.toml", "title = \"Bare\"\n");
        dir.write("bare/keel.toml", "");
        dir.write("notatemplate/readme", "");
    }
};

} // namespace

TEST(TemplateCatalog, ListsTemplatesWithTitles)
{
    Templates t;
    TemplateCatalog catalog(t.dir.path());
    const auto list = catalog.templates();
    ASSERT_EQ(list.size(), 2);
    EXPECT_EQ(list[0].name, "bare");
    EXPECT_EQ(list[1].name, "hello");
    EXPECT_EQ(list[1].title, "Hello");
    EXPECT_EQ(list[1].description, "Prints a greeting.");
    EXPECT_TRUE(catalog.find("hello"));
    EXPECT_FALSE(catalog.find("nope"));
    EXPECT_FALSE(catalog.find("../hello"));
}

TEST(ProjectCreator, CopiesFilesWithPlaceholdersFilled)
{
    Templates t;
    TempProject target;
    const QString dir = target.file("myapp");
    QString error;
    ASSERT_TRUE(ProjectCreator::create(*TemplateCatalog(t.dir.path()).find("hello"), dir, "myapp", &error))
        << qPrintable(error);
    EXPECT_EQ(readFile(dir + "/keel.toml"), "[project]\nname = \"myapp\"\n");
    EXPECT_EQ(readFile(dir + "/src/main.cpp"), "// myapp says myapp\nint main() { return 0; }\n");
    EXPECT_EQ(readFile(dir + "/.gitignore"), "build/\n");
    EXPECT_FALSE(QFile::exists(dir + "/template.toml")) << "template.toml is not part of a project";
}

TEST(ProjectCreator, RefusesNonEmptyDirectoryAndTouchesNothing)
{
    Templates t;
    TempProject target;
    target.write("keel.toml", "mine\n");
    QString error;
    EXPECT_FALSE(ProjectCreator::create(*TemplateCatalog(t.dir.path()).find("hello"), target.path(),
                                        "x", &error));
    EXPECT_TRUE(error.contains("is not empty")) << qPrintable(error);
    EXPECT_EQ(readFile(target.file("keel.toml")), "mine\n");
    EXPECT_EQ(QDir(target.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{"keel.toml"});
}

TEST(ProjectCreator, ValidatesTheName)
{
    Templates t;
    TempProject target;
    QString error;
    EXPECT_FALSE(ProjectCreator::create(*TemplateCatalog(t.dir.path()).find("hello"),
                                        target.file("a"), "my app", &error));
    EXPECT_TRUE(error.contains("not valid")) << qPrintable(error);
    EXPECT_FALSE(QFile::exists(target.file("a")));
    EXPECT_TRUE(ProjectCreator::isValidName("hello_World-2", nullptr));
    EXPECT_EQ(ProjectCreator::nameFromDirectory("/tmp/my app.v2"), "my-app-v2");
}
