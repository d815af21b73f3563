// Feature resolution: what `keel build` turns on, why, and the errors a user sees.
#include "featureresolver.h"
#include "testsupport.h"

using namespace Keel;
using KeelTest::registryFrom;
using KeelTest::renderAll;

namespace {

ManifestRegistry standardRegistry()
{
    return registryFrom({
        "id = \"core\"\ndefault = true\n",
        "id = \"serial\"\ndefault = true\ndepends = \"core\"\n[options.baud]\ntype = \"int\"\n"
        "default = 115200\nmin = 1\nmax = 115200\n",
        "id = \"heap\"\ndepends = \"core\"\n[options.size]\ntype = \"size\"\ndefault = 0\n"
        "max = \"1G\"\n[options.debug]\ntype = \"bool\"\n[options.policy]\ntype = \"choice\"\n"
        "choices = [\"first-fit\", \"best-fit\"]\n",
        "id = \"timer\"\n",
        "id = \"net\"\ndepends = \"timer && heap\"\nselects = [\"virtio\"]\n",
        "id = \"virtio\"\ndepends = \"heap\"\n",
        "id = \"http\"\nselects = [\"net\"]\n",
        "id = \"vga\"\nconflicts = [\"microvm-console\"]\n",
        "id = \"microvm-console\"\ndefault = true\n",
        "id = \"tiny\"\nconflicts = [\"heap\"]\n",
    });
}

QList<FeatureRequest> requests(const QStringList &ids)
{
    QList<FeatureRequest> list;
    int column = 13;
    for (const QString &id : ids) {
        list << FeatureRequest{id, SourcePosition{"/p/keel.toml", 7, column}};
        column += int(id.size()) + 4;
    }
    return list;
}

struct Resolved {
    ManifestRegistry registry = standardRegistry();
    FeatureResolver resolver{registry};
    Diagnostics diagnostics;
    bool ok = false;

    Resolved(const QStringList &features, const QStringList &disabled = {},
             const QList<OptionSetting> &options = {})
    {
        ok = resolver.resolve(requests(features), requests(disabled), options, &diagnostics);
    }
    QString errors() const { return renderAll(diagnostics); }
};

} // namespace

TEST(FeatureResolver, CoreAlwaysOnAndDefaults)
{
    Resolved r({});
    ASSERT_TRUE(r.ok) << qPrintable(r.errors());
    EXPECT_EQ(r.resolver.enabled(), QStringList({"core", "microvm-console", "serial"}));
    EXPECT_EQ(r.resolver.why("core"), "always on");
    EXPECT_EQ(r.resolver.why("serial"), "on by default");
    EXPECT_EQ(r.resolver.reason("core"), EnableReason::AlwaysOn);
}

TEST(FeatureResolver, RequestedFeature)
{
    Resolved r({"heap"});
    ASSERT_TRUE(r.ok) << qPrintable(r.errors());
    EXPECT_TRUE(r.resolver.isEnabled("heap"));
    EXPECT_EQ(r.resolver.why("heap"), "requested in keel.toml");
    EXPECT_TRUE(r.resolver.why("timer").isEmpty());
    EXPECT_EQ(r.resolver.whyNot("timer"), "not requested (add \"timer\" to [kernel] features in keel.toml)");
}

TEST(FeatureResolver, TransitiveSelects)
{
    Resolved r({"http", "heap", "timer"});
    ASSERT_TRUE(r.ok) << qPrintable(r.errors());
    EXPECT_TRUE(r.resolver.isEnabled("net"));
    EXPECT_TRUE(r.resolver.isEnabled("virtio"));
    EXPECT_EQ(r.resolver.why("net"), "selected by http (which is requested in keel.toml)");
    EXPECT_EQ(r.resolver.why("virtio"),
              "selected by net (which is selected by http (which is requested in keel.toml))");
}

TEST(FeatureResolver, UnmetDependsChainPointsAtKeelToml)
{
    // http selects net, net depends on timer && heap: neither is on.
    Resolved r({"http"});
    EXPECT_FALSE(r.ok);
    ASSERT_FALSE(r.diagnostics.isEmpty());
    const Diagnostic &d = r.diagnostics.first();
    EXPECT_EQ(d.location(), "/p/keel.toml:7:13") << qPrintable(r.errors());
    EXPECT_EQ(d.message, "feature 'net' (selected by http (which is requested in keel.toml)) "
                         "depends on timer, which is off because not requested (add \"timer\" to "
                         "[kernel] features in keel.toml)");
    EXPECT_EQ(d.hint, "add \"timer\", \"heap\" to [kernel] features in keel.toml");
}

TEST(FeatureResolver, WhyNotFollowsTheWholeChain)
{
    // virtio depends on heap; tiny conflicts with heap, so heap stays off.
    Resolved r({"tiny"});
    ASSERT_TRUE(r.ok) << qPrintable(r.errors());
    EXPECT_EQ(r.resolver.whyNot("heap"), "conflicts with tiny (requested in keel.toml)");
    EXPECT_EQ(r.resolver.whyNot("virtio"),
              "depends on heap, which is off because conflicts with tiny (requested in keel.toml)");
    EXPECT_EQ(r.resolver.whyNot("nosuch"), "there is no feature 'nosuch'");
}

TEST(FeatureResolver, ConflictNamesBothChains)
{
    Resolved r({"tiny", "http", "timer", "heap"});
    EXPECT_FALSE(r.ok);
    const QString errors = r.errors();
    EXPECT_TRUE(errors.contains("feature 'tiny' (requested in keel.toml) conflicts with 'heap' "
                                "(requested in keel.toml)")) << qPrintable(errors);
}

TEST(FeatureResolver, ConflictWithSelectedFeatureShowsSelector)
{
    ManifestRegistry registry = registryFrom({"id = \"core\"\n", "id = \"a\"\nselects = [\"b\"]\n",
                                              "id = \"b\"\n", "id = \"c\"\nconflicts = [\"b\"]\n"});
    FeatureResolver resolver(registry);
    Diagnostics diagnostics;
    EXPECT_FALSE(resolver.resolve(requests({"a", "c"}), {}, {}, &diagnostics));
    ASSERT_EQ(diagnostics.size(), 1);
    EXPECT_EQ(diagnostics[0].message, "feature 'c' (requested in keel.toml) conflicts with 'b' "
                                      "(selected by a (which is requested in keel.toml))");
}

TEST(FeatureResolver, DefaultGivesWayToRequestedConflict)
{
    Resolved r({"vga"});
    ASSERT_TRUE(r.ok) << qPrintable(r.errors());
    EXPECT_FALSE(r.resolver.isEnabled("microvm-console"));
    EXPECT_EQ(r.resolver.whyNot("microvm-console"),
              "on by default, but turned off: conflicts with vga (requested in keel.toml)");
}

TEST(FeatureResolver, DisableTurnsOffDefault)
{
    Resolved r({}, {"serial"});
    ASSERT_TRUE(r.ok) << qPrintable(r.errors());
    EXPECT_FALSE(r.resolver.isEnabled("serial"));
    EXPECT_EQ(r.resolver.whyNot("serial"), "disabled in keel.toml");
}

TEST(FeatureResolver, RequestedAndDisabledIsAnError)
{
    Resolved r({"heap"}, {"heap"});
    EXPECT_FALSE(r.ok);
    EXPECT_TRUE(r.errors().contains("both requested and disabled")) << qPrintable(r.errors());
}

TEST(FeatureResolver, UnknownFeatureSuggestsNearest)
{
    Resolved r({"heap", "seral"});
    EXPECT_FALSE(r.ok);
    ASSERT_EQ(r.diagnostics.size(), 1) << qPrintable(r.errors());
    EXPECT_EQ(r.diagnostics[0].location(), "/p/keel.toml:7:21");
    EXPECT_EQ(r.diagnostics[0].message, "unknown feature 'seral' (did you mean 'serial'?)");
    EXPECT_EQ(r.diagnostics[0].hint, "replace it with \"serial\"");
}

TEST(FeatureResolver, DependsCycleShowsTheChain)
{
    ManifestRegistry registry = registryFrom({"id = \"core\"\n", "id = \"a\"\ndepends = \"b\"\n",
                                              "id = \"b\"\ndepends = \"core && c\"\n",
                                              "id = \"c\"\ndepends = \"!a\"\n"});
    FeatureResolver resolver(registry);
    Diagnostics diagnostics;
    EXPECT_FALSE(resolver.resolve(requests({"a"}), {}, {}, &diagnostics));
    ASSERT_FALSE(diagnostics.isEmpty());
    EXPECT_EQ(diagnostics[0].message, "depends cycle: a → b → c → a") << qPrintable(renderAll(diagnostics));
    EXPECT_EQ(diagnostics[0].file, "/kernel/a/module.toml");
}

TEST(FeatureResolver, OptionDefaultsAndProjectValues)
{
    Resolved r({"heap"}, {}, {OptionSetting{"heap", "size", QString("1M"), {"/p/keel.toml", 12, 13}},
                              OptionSetting{"heap", "policy", QString("best-fit"), {}}});
    ASSERT_TRUE(r.ok) << qPrintable(r.errors());
    EXPECT_EQ(r.resolver.optionValue("heap", "size").toLongLong(), 1 << 20);
    EXPECT_EQ(r.resolver.optionValue("heap", "policy").toString(), "best-fit");
    EXPECT_EQ(r.resolver.optionValue("heap", "debug").toBool(), false);
    EXPECT_EQ(r.resolver.optionValue("serial", "baud").toLongLong(), 115200);
}

TEST(FeatureResolver, OptionErrorsPointAtKeelToml)
{
    const SourcePosition at{"/p/keel.toml", 12, 13};
    const struct { OptionSetting setting; const char *message; } cases[] = {
        {{"serial", "baud", qint64(0), at}, "invalid value for serial.baud: 0 is out of range; expected an integer from 1 to 115200"},
        {{"serial", "baud", QString("fast"), at}, "invalid value for serial.baud: expected an integer from 1 to 115200"},
        {{"heap", "size", QString("2G"), at}, "invalid value for heap.size: 2G is out of range; expected a size such as \"64K\" or \"1M\" of at most 1G"},
        {{"heap", "size", QString("big"), at}, "invalid value for heap.size: 'big' is not a size"},
        {{"heap", "debug", qint64(1), at}, "invalid value for heap.debug: expected true or false"},
        {{"heap", "policy", QString("worst"), at}, "invalid value for heap.policy: expected one of \"first-fit\", \"best-fit\""},
        {{"heap", "sise", QString("1M"), at}, "module 'heap' has no option 'sise' (did you mean 'size'?)"},
        {{"heep", "size", QString("1M"), at}, "option heep.size names unknown module 'heep' (did you mean 'heap'?)"},
    };
    for (const auto &c : cases) {
        Resolved r({"heap"}, {}, {c.setting});
        EXPECT_FALSE(r.ok) << c.message;
        ASSERT_EQ(r.diagnostics.size(), 1) << qPrintable(r.errors());
        EXPECT_EQ(r.diagnostics[0].location(), "/p/keel.toml:12:13");
        EXPECT_TRUE(r.diagnostics[0].message.startsWith(QLatin1String(c.message)))
            << qPrintable(r.diagnostics[0].message);
    }
}

TEST(FeatureResolver, OptionOfDisabledFeatureWarns)
{
    Resolved r({}, {}, {OptionSetting{"heap", "size", QString("1M"), {"/p/keel.toml", 3, 1}}});
    ASSERT_TRUE(r.ok) << qPrintable(r.errors());
    ASSERT_EQ(r.diagnostics.size(), 1);
    EXPECT_EQ(r.diagnostics[0].severity, Severity::Warning);
    EXPECT_TRUE(r.diagnostics[0].message.contains("feature 'heap' is off"));
}
