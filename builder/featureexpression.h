// The `depends` expression of a module manifest: ids, !, &&, || and parentheses.
//
//   QString error; int column = 0;
//   auto expr = Keel::FeatureExpression::parse(u"serial && (heap || !tiny)"_s, &error, &column);
//   bool ok = expr->evaluate([&](const QString &id) { return enabled.contains(id); });
#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace Keel {

class FeatureExpression
{
public:
    FeatureExpression(); // empty: always true

    // On failure returns nullopt, a message in *error and the 1-based column of the problem.
    static std::optional<FeatureExpression> parse(const QString &text, QString *error,
                                                  int *errorColumn);

    bool isEmpty() const { return !m_root; }
    bool evaluate(const std::function<bool(const QString &)> &isOn) const;
    QStringList identifiers() const; // every id mentioned, in order, without duplicates
    QString toString() const;

    struct Node;

private:
    explicit FeatureExpression(std::shared_ptr<const Node> root);
    std::shared_ptr<const Node> m_root;
};

} // namespace Keel
