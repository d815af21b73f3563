// The non-template half of ktl::format: replacement-field parsing and rendering of integers,
// doubles, strings and pointers. The grammar is documented in ktl/format.h.
#include <ktl/format.h>
#include <lib/formatnumber.h>

namespace ktl {
namespace {

using Kind = FormatArgument::Kind;

struct Spec {
    char fill = ' ';
    char align = 0; // '<', '>', '^' or 0 for the type's default
    bool alternate = false;
    bool zeroPad = false;
    size_t width = 0;
    int precision = -1;
    char type = 0;
};

constexpr StringView kMissingMarker = "{?}";
constexpr StringView kBadSpecMarker = "{!}";

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlign(char c) { return c == '<' || c == '>' || c == '^'; }

size_t parseNumber(StringView text, size_t& at)
{
    size_t value = 0;
    while (at < text.size() && isDigit(text[at]) && value < 100000)
        value = value * 10 + size_t(text[at++] - '0');
    return value;
}

// Parses the part after ':' of a field; false if anything is left over or malformed.
bool parseSpec(StringView text, Spec& spec)
{
    size_t at = 0;
    if (text.size() >= 2 && isAlign(text[1])) {
        spec.fill = text[0];
        spec.align = text[1];
        at = 2;
    } else if (!text.isEmpty() && isAlign(text[0])) {
        spec.align = text[at++];
    }
    if (at < text.size() && text[at] == '#') {
        spec.alternate = true;
        ++at;
    }
    if (at < text.size() && text[at] == '0') {
        spec.zeroPad = true;
        ++at;
    }
    spec.width = parseNumber(text, at);
    if (at < text.size() && text[at] == '.') {
        ++at;
        if (at >= text.size() || !isDigit(text[at]))
            return false;
        spec.precision = int(min(parseNumber(text, at), size_t(1000)));
    }
    if (at < text.size())
        spec.type = text[at++];
    return at == text.size();
}

void writeRepeated(OutputSink& sink, char c, size_t count)
{
    char chunk[16];
    for (char& slot : chunk)
        slot = c;
    while (count > 0) {
        size_t n = min(count, sizeof(chunk));
        sink.write({ chunk, n });
        count -= n;
    }
}

// Writes prefix (sign, 0x) and body, padded to the field width.
void writePadded(OutputSink& sink, const Spec& spec, StringView prefix, StringView body, char defaultAlign)
{
    size_t length = prefix.size() + body.size();
    size_t padding = spec.width > length ? spec.width - length : 0;
    if (spec.zeroPad && defaultAlign == '>') {
        sink.write(prefix);
        writeRepeated(sink, '0', padding);
        sink.write(body);
        return;
    }
    char align = spec.align ? spec.align : defaultAlign;
    size_t before = align == '>' ? padding : (align == '^' ? padding / 2 : 0);
    writeRepeated(sink, spec.fill, before);
    sink.write(prefix);
    sink.write(body);
    writeRepeated(sink, spec.fill, padding - before);
}

void writeInteger(OutputSink& sink, const Spec& spec, u64 magnitude, bool negative)
{
    unsigned base = 10;
    StringView prefix = negative ? "-" : "";
    switch (spec.type) {
    case 'x': base = 16; prefix = negative ? "-0x" : "0x"; break;
    case 'X': base = 16; prefix = negative ? "-0X" : "0X"; break;
    case 'b': base = 2; prefix = negative ? "-0b" : "0b"; break;
    case 'o': base = 8; prefix = negative ? "-0" : "0"; break;
    }
    if (!spec.alternate || base == 10)
        prefix = negative ? "-" : "";
    char buffer[64];
    char* end = buffer + sizeof(buffer);
    char* start = renderUnsigned(magnitude, base, spec.type == 'X', end);
    writePadded(sink, spec, prefix, { start, size_t(end - start) }, '>');
}

void writeChar(OutputSink& sink, const Spec& spec, char c)
{
    writePadded(sink, spec, "", { &c, 1 }, '<');
}

bool isIntegerType(char type)
{
    return type == 0 || type == 'd' || type == 'x' || type == 'X' || type == 'b' || type == 'o';
}

void formatInteger(OutputSink& sink, const Spec& spec, u64 magnitude, bool negative)
{
    if (spec.precision >= 0)
        return sink.write(kBadSpecMarker);
    if (spec.type == 'c') {
        if (negative || magnitude > 255)
            return sink.write(kBadSpecMarker);
        return writeChar(sink, spec, char(magnitude));
    }
    if (!isIntegerType(spec.type))
        return sink.write(kBadSpecMarker);
    writeInteger(sink, spec, magnitude, negative);
}

void formatString(OutputSink& sink, const Spec& spec, StringView text)
{
    if (spec.type != 0 && spec.type != 's')
        return sink.write(kBadSpecMarker);
    if (spec.precision >= 0)
        text = text.substring(0, size_t(spec.precision));
    writePadded(sink, spec, "", text, '<');
}

void formatPointer(OutputSink& sink, const Spec& spec, const void* pointer)
{
    Spec hex = spec;
    hex.alternate = true;
    hex.type = spec.type == 'X' ? 'X' : 'x';
    if (spec.type != 0 && spec.type != 'p' && spec.type != 'x' && spec.type != 'X')
        return sink.write(kBadSpecMarker);
    writeInteger(sink, hex, reinterpret_cast<uptr>(pointer), false);
}

void formatDouble(OutputSink& sink, const Spec& spec, double value)
{
    if (spec.type != 0 && spec.type != 'f')
        return sink.write(kBadSpecMarker);
    bool negative = __builtin_signbit(value);
    StringView sign = negative ? "-" : "";
    if (negative)
        value = -value;
    char body[kDoubleBufferSize];
    if (__builtin_isnan(value))
        return writePadded(sink, spec, sign, "nan", '>');
    if (__builtin_isinf(value))
        return writePadded(sink, spec, sign, "inf", '>');
    int precision = spec.precision >= 0 ? spec.precision : (spec.type == 'f' ? 6 : -1);
    writePadded(sink, spec, sign, { body, renderDouble(value, precision, body) }, '>');
}

void formatArgument(OutputSink& sink, const Spec& spec, const FormatArgument& argument)
{
    switch (argument.kind) {
    case Kind::Signed: {
        bool negative = argument.signedValue < 0;
        u64 magnitude = negative ? 0 - u64(argument.signedValue) : u64(argument.signedValue);
        return formatInteger(sink, spec, magnitude, negative);
    }
    case Kind::Unsigned:
        return formatInteger(sink, spec, argument.unsignedValue, false);
    case Kind::Bool:
        if (spec.type == 0 || spec.type == 's')
            return formatString(sink, spec, argument.boolValue ? "true" : "false");
        return formatInteger(sink, spec, argument.boolValue ? 1 : 0, false);
    case Kind::Char:
        if (spec.type == 0 || spec.type == 'c')
            return spec.precision >= 0 ? sink.write(kBadSpecMarker) : writeChar(sink, spec, argument.charValue);
        return formatInteger(sink, spec, u8(argument.charValue), false);
    case Kind::String:
        return formatString(sink, spec, { argument.string.data, argument.string.size });
    case Kind::Pointer:
        return formatPointer(sink, spec, argument.pointer);
    case Kind::Double:
        return formatDouble(sink, spec, argument.doubleValue);
    case Kind::Custom:
        return argument.custom.function(sink, argument.custom.object);
    }
}

// Handles one "{...}" whose inside is `field`; `next` is the automatic argument index.
void formatField(OutputSink& sink, StringView field, Span<const FormatArgument> arguments, size_t& next)
{
    size_t at = 0;
    size_t index = next;
    if (at < field.size() && isDigit(field[at]))
        index = parseNumber(field, at);
    else
        ++next;
    Spec spec;
    bool valid = at == field.size() || (field[at] == ':' && parseSpec(field.substring(at + 1), spec));
    if (!valid)
        return sink.write(kBadSpecMarker);
    if (index >= arguments.size())
        return sink.write(kMissingMarker);
    formatArgument(sink, spec, arguments[index]);
}

class BufferSink final : public OutputSink {
public:
    explicit BufferSink(Span<char> buffer) : m_buffer(buffer) {}

    void write(StringView text) override
    {
        size_t room = m_buffer.isEmpty() ? 0 : m_buffer.size() - 1;
        for (char c : text) {
            if (m_length < room)
                m_buffer[m_length] = c;
            ++m_length;
        }
    }
    size_t finish()
    {
        if (!m_buffer.isEmpty())
            m_buffer[min(m_length, m_buffer.size() - 1)] = '\0';
        return m_length;
    }

private:
    Span<char> m_buffer;
    size_t m_length = 0;
};

} // namespace

void vformat(OutputSink& sink, StringView format, Span<const FormatArgument> arguments)
{
    size_t next = 0;
    size_t literalStart = 0;
    size_t at = 0;
    while (at < format.size()) {
        char c = format[at];
        if (c != '{' && c != '}') {
            ++at;
            continue;
        }
        sink.write(format.substring(literalStart, at - literalStart));
        bool doubled = at + 1 < format.size() && format[at + 1] == c;
        if (c == '}' || doubled) { // "}}", "{{" and a stray "}" print one brace
            sink.write(format.substring(at, 1));
            at += doubled ? 2 : 1;
        } else {
            Optional<size_t> close = format.find('}', at + 1);
            if (!close) {
                sink.write(kBadSpecMarker);
                return;
            }
            formatField(sink, format.substring(at + 1, *close - at - 1), arguments, next);
            at = *close + 1;
        }
        literalStart = at;
    }
    sink.write(format.substring(literalStart));
}

size_t vformatToBuffer(Span<char> buffer, StringView format, Span<const FormatArgument> arguments)
{
    BufferSink sink(buffer);
    vformat(sink, format, arguments);
    return sink.finish();
}

} // namespace ktl
