#include "featureexpression.h"

namespace Keel {

struct FeatureExpression::Node {
    enum class Kind { Id, Not, And, Or };
    Kind kind = Kind::Id;
    QString id;
    std::shared_ptr<const Node> left;
    std::shared_ptr<const Node> right;
};

namespace {

using Node = FeatureExpression::Node;
using NodePtr = std::shared_ptr<const Node>;

// Recursive descent over: or := and ('||' and)*; and := unary ('&&' unary)*;
// unary := '!' unary | '(' or ')' | id. Stops at the first error and remembers its column.
class Parser
{
public:
    explicit Parser(const QString &text) : m_text(text) {}

    NodePtr parseAll()
    {
        NodePtr root = parseOr();
        skipSpace();
        if (root && m_pos < m_text.size())
            fail(QStringLiteral("unexpected '%1'; expected && or ||").arg(m_text[m_pos]));
        return m_error.isEmpty() ? root : nullptr;
    }

    QString error() const { return m_error; }
    int column() const { return m_errorPos + 1; }

private:
    NodePtr parseOr()
    {
        NodePtr left = parseAnd();
        while (left && consume(QStringLiteral("||")))
            left = binary(Node::Kind::Or, left, parseAnd());
        return left;
    }

    NodePtr parseAnd()
    {
        NodePtr left = parseUnary();
        while (left && consume(QStringLiteral("&&")))
            left = binary(Node::Kind::And, left, parseUnary());
        return left;
    }

    NodePtr parseUnary()
    {
        skipSpace();
        if (consume(QStringLiteral("!"))) {
            NodePtr operand = parseUnary();
            return operand ? std::make_shared<const Node>(Node{Node::Kind::Not, {}, operand, {}})
                           : nullptr;
        }
        if (consume(QStringLiteral("("))) {
            NodePtr inner = parseOr();
            if (inner && !consume(QStringLiteral(")")))
                return fail(QStringLiteral("missing ')'"));
            return inner;
        }
        return parseId();
    }

    NodePtr parseId()
    {
        skipSpace();
        const int start = m_pos;
        while (m_pos < m_text.size() && isIdChar(m_text[m_pos]))
            ++m_pos;
        if (m_pos == start) {
            m_pos = start;
            return fail(m_pos < m_text.size()
                            ? QStringLiteral("unexpected '%1'; expected a feature id, '!' or '('")
                                  .arg(m_text[m_pos])
                            : QStringLiteral("expression ends early; expected a feature id"));
        }
        return std::make_shared<const Node>(
            Node{Node::Kind::Id, m_text.mid(start, m_pos - start), {}, {}});
    }

    static NodePtr binary(Node::Kind kind, const NodePtr &left, const NodePtr &right)
    {
        return right ? std::make_shared<const Node>(Node{kind, {}, left, right}) : nullptr;
    }

    static bool isIdChar(QChar c)
    {
        return c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_');
    }

    bool consume(const QString &token)
    {
        skipSpace();
        if (!QStringView(m_text).mid(m_pos).startsWith(token))
            return false;
        m_pos += token.size();
        return true;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }

    NodePtr fail(const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
            m_errorPos = m_pos;
        }
        return nullptr;
    }

    const QString &m_text;
    int m_pos = 0;
    QString m_error;
    int m_errorPos = 0;
};

bool evaluateNode(const Node &node, const std::function<bool(const QString &)> &isOn)
{
    switch (node.kind) {
    case Node::Kind::Id: return isOn(node.id);
    case Node::Kind::Not: return !evaluateNode(*node.left, isOn);
    case Node::Kind::And: return evaluateNode(*node.left, isOn) && evaluateNode(*node.right, isOn);
    case Node::Kind::Or: return evaluateNode(*node.left, isOn) || evaluateNode(*node.right, isOn);
    }
    return false;
}

void collectIds(const Node &node, QStringList *ids)
{
    if (node.kind == Node::Kind::Id && !ids->contains(node.id))
        ids->append(node.id);
    if (node.left)
        collectIds(*node.left, ids);
    if (node.right)
        collectIds(*node.right, ids);
}

QString render(const Node &node, bool nested)
{
    switch (node.kind) {
    case Node::Kind::Id: return node.id;
    case Node::Kind::Not: return QLatin1Char('!') + render(*node.left, true);
    case Node::Kind::And:
    case Node::Kind::Or: {
        const QString op = node.kind == Node::Kind::And ? QStringLiteral(" && ")
                                                        : QStringLiteral(" || ");
        const QString text = render(*node.left, true) + op + render(*node.right, true);
        return nested ? QLatin1Char('(') + text + QLatin1Char(')') : text;
    }
    }
    return {};
}

} // namespace

FeatureExpression::FeatureExpression() = default;

FeatureExpression::FeatureExpression(std::shared_ptr<const Node> root)
    : m_root(std::move(root))
{
}

std::optional<FeatureExpression> FeatureExpression::parse(const QString &text, QString *error,
                                                          int *errorColumn)
{
    if (text.trimmed().isEmpty())
        return FeatureExpression();
    Parser parser(text);
    NodePtr root = parser.parseAll();
    if (!root) {
        if (error)
            *error = parser.error();
        if (errorColumn)
            *errorColumn = parser.column();
        return std::nullopt;
    }
    return FeatureExpression(root);
}

bool FeatureExpression::evaluate(const std::function<bool(const QString &)> &isOn) const
{
    return !m_root || evaluateNode(*m_root, isOn);
}

QStringList FeatureExpression::identifiers() const
{
    QStringList ids;
    if (m_root)
        collectIds(*m_root, &ids);
    return ids;
}

QString FeatureExpression::toString() const
{
    return m_root ? render(*m_root, false) : QString();
}

} // namespace Keel
