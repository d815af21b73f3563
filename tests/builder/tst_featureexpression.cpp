// The `depends` expression language of module manifests.
#include "featureexpression.h"

#include <QSet>
#include <gtest/gtest.h>

using Keel::FeatureExpression;

namespace {

bool eval(const char *text, const QSet<QString> &on)
{
    QString error;
    const auto expr = FeatureExpression::parse(QString::fromUtf8(text), &error, nullptr);
    EXPECT_TRUE(expr.has_value()) << text << ": " << qPrintable(error);
    return expr && expr->evaluate([&](const QString &id) { return on.contains(id); });
}

void expectParseError(const char *text, int column, const char *message)
{
    QString error;
    int errorColumn = 0;
    EXPECT_FALSE(FeatureExpression::parse(QString::fromUtf8(text), &error, &errorColumn)) << text;
    EXPECT_EQ(errorColumn, column) << text << ": " << qPrintable(error);
    EXPECT_TRUE(error.contains(QLatin1String(message))) << qPrintable(error);
}

} // namespace

TEST(FeatureExpression, EmptyIsAlwaysTrue)
{
    EXPECT_TRUE(eval("", {}));
    EXPECT_TRUE(eval("   ", {}));
}

TEST(FeatureExpression, Operators)
{
    EXPECT_TRUE(eval("core", {"core"}));
    EXPECT_FALSE(eval("net", {"core"}));
    EXPECT_TRUE(eval("!net", {"core"}));
    EXPECT_FALSE(eval("a && b", {"a"}));
    EXPECT_TRUE(eval("a && b", {"a", "b"}));
    EXPECT_TRUE(eval("a || b", {"b"}));
    EXPECT_FALSE(eval("a || b", {}));
    EXPECT_TRUE(eval("virtio-net&&!tiny_mode", {"virtio-net"}));
}

TEST(FeatureExpression, PrecedenceAndParentheses)
{
    // && binds tighter than ||
    EXPECT_TRUE(eval("a || b && c", {"a"}));
    EXPECT_FALSE(eval("(a || b) && c", {"a"}));
    EXPECT_TRUE(eval("!(a && b)", {"a"}));
    EXPECT_TRUE(eval("!!a", {"a"}));
}

TEST(FeatureExpression, IdentifiersAndToString)
{
    QString error;
    const auto expr = FeatureExpression::parse("serial && (heap || !tiny) && serial", &error, nullptr);
    ASSERT_TRUE(expr);
    EXPECT_EQ(expr->identifiers(), QStringList({"serial", "heap", "tiny"}));
    EXPECT_EQ(expr->toString(), "(serial && (heap || !tiny)) && serial");
}

TEST(FeatureExpression, ErrorsCarryTheColumn)
{
    expectParseError("a &&", 5, "ends early");
    expectParseError("a && && b", 6, "unexpected '&'");
    expectParseError("(a || b", 8, "missing ')'");
    expectParseError("a b", 3, "unexpected 'b'");
    expectParseError("a & b", 3, "unexpected '&'");
    expectParseError("a || $", 6, "unexpected '$'");
}
