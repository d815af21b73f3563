#include "ninjawriter.h"

namespace Keel::NinjaWriter {

namespace {

// Paths in build/input lists: ninja needs '$', ' ' and ':' escaped.
QString ninjaEscape(const QString &path)
{
    QString out;
    for (const QChar c : path) {
        if (c == QLatin1Char('$') || c == QLatin1Char(' ') || c == QLatin1Char(':'))
            out += QLatin1Char('$');
        out += c;
    }
    return out;
}

// Values substituted into commands: quote for /bin/sh when needed, and escape '$' for ninja.
QString shellArg(const QString &arg)
{
    static const QString safe = QStringLiteral("-_=+./,:@%");
    const bool plain = !arg.isEmpty() && std::all_of(arg.begin(), arg.end(), [](QChar c) {
        return c.isLetterOrNumber() || safe.contains(c);
    });
    QString quoted = plain ? arg
                           : QLatin1Char('\'') + QString(arg).replace(QLatin1String("'"),
                                                                      QLatin1String("'\\''"))
                                 + QLatin1Char('\'');
    return quoted.replace(QLatin1Char('$'), QLatin1String("$$"));
}

QString shellArgs(const QStringList &args)
{
    QStringList quoted;
    for (const QString &arg : args)
        quoted << shellArg(arg);
    return quoted.join(QLatin1Char(' '));
}

QString rules(const BuildPlan &plan)
{
    const QString launcher = plan.compilerLauncher.isEmpty() ? QString()
                                                             : plan.compilerLauncher + QLatin1Char(' ');
    // Diagnostics go to <object>.json as GCC JSON; BuildRunner turns them into Diagnostics.
    // -MD, not -MMD: headers reached through -isystem ([external] includes, e.g. lwIP's, which
    // include the module's lwipopts.h) count as system headers and -MMD would leave them out.
    return QStringLiteral(
               "rule cxx\n"
               "  command = %1g++ $cflags $extra -MD -MF $out.d -fdiagnostics-format=json -c $in -o $out 2> $out.json\n"
               "  depfile = $out.d\n"
               "  deps = gcc\n"
               "  description = CXX $out\n\n"
               "rule cc\n"
               "  command = %1gcc $ccflags $extra -MD -MF $out.d -fdiagnostics-format=json -c $in -o $out 2> $out.json\n"
               "  depfile = $out.d\n"
               "  deps = gcc\n"
               "  description = CC $out\n\n"
               "rule as\n"
               "  command = %1g++ $cflags -MMD -MF $out.d -fdiagnostics-format=json -c $in -o $out 2> $out.json\n"
               "  depfile = $out.d\n"
               "  deps = gcc\n"
               "  description = AS $out\n\n"
               "rule link\n"
               "  command = ld $ldflags -Map=$map -o $out $in\n"
               "  description = LINK $out\n\n"
               "rule symtab\n"
               "  command = nm -n -S -C --defined-only $in | awk -f gen/symtab.awk > gen/keel_symbols.S"
               " && g++ -c gen/keel_symbols.S -o $out\n"
               "  description = SYMBOLS $out\n\n"
               "rule strip\n"
               "  command = objcopy --strip-all $in $out\n"
               "  description = STRIP $out\n\n"
               "rule iso\n"
               "  command = rm -rf iso && mkdir -p iso/boot/grub && cp $in iso/boot/ && "
               "cp gen/grub.cfg iso/boot/grub/grub.cfg && "
               "grub-mkrescue -o $out iso > iso.log 2>&1 || { cat iso.log; exit 1; }\n"
               "  description = ISO $out\n\n")
        .arg(launcher);
}

QString ruleFor(const QString &source)
{
    if (source.endsWith(QLatin1String(".S")) || source.endsWith(QLatin1String(".s")))
        return QStringLiteral("as");
    return source.endsWith(QLatin1String(".c")) ? QStringLiteral("cc") : QStringLiteral("cxx");
}

QString compileEdges(const BuildPlan &plan, QStringList *objects)
{
    QString text;
    for (const CompileUnit &unit : plan.units) {
        QString implicit;
        for (const QString &input : unit.implicitInputs)
            implicit += QLatin1Char(' ') + ninjaEscape(input);
        if (!implicit.isEmpty())
            implicit.prepend(QStringLiteral(" |"));
        text += QStringLiteral("build %1: %2 %3%4\n")
                    .arg(ninjaEscape(unit.object), ruleFor(unit.source), ninjaEscape(unit.source),
                         implicit);
        if (!unit.extraFlags.isEmpty())
            text += QStringLiteral("  extra = %1\n").arg(shellArgs(unit.extraFlags));
        *objects << ninjaEscape(unit.object);
    }
    return text;
}

QString linkEdges(const BuildPlan &plan, const QStringList &objects)
{
    const QString name = plan.projectName;
    const QString script = QStringLiteral(" | ") + ninjaEscape(plan.linkerScript);
    const QString objs = objects.join(QLatin1Char(' '));
    QString text;
    if (plan.profile == Profile::Debug) {
        // Link once, turn that image's symbols into .keel_symbols, link again; the linker
        // script places the section last, so the second link moves nothing.
        text += QStringLiteral("build %1.stage1.elf: link %2%3\n  map = %1.stage1.map\n")
                    .arg(name, objs, script);
        text += QStringLiteral("build obj/keel_symbols.o: symtab %1.stage1.elf | gen/symtab.awk\n")
                    .arg(name);
        text += QStringLiteral("build %1.elf | %1.map: link %2 obj/keel_symbols.o%3\n  map = %1.map\n")
                    .arg(name, objs, script);
    } else {
        text += QStringLiteral("build %1.full.elf | %1.map: link %2%3\n  map = %1.map\n")
                    .arg(name, objs, script);
        text += QStringLiteral("build %1.elf: strip %1.full.elf\n").arg(name);
    }
    if (plan.iso == Iso::Yes)
        text += QStringLiteral("build %1.iso: iso %1.elf | gen/grub.cfg\n").arg(name);
    text += QStringLiteral("\ndefault %1.elf%2\n")
                .arg(name, plan.iso == Iso::Yes ? QStringLiteral(" %1.iso").arg(name) : QString());
    return text;
}

} // namespace

QByteArray generate(const BuildPlan &plan)
{
    QString text = QStringLiteral(
        "# Generated by keel from keel.toml and the kernel module manifests; do not edit.\n"
        "ninja_required_version = 1.10\n\n");
    text += QStringLiteral("cflags = %1\n").arg(shellArgs(plan.compileFlags));
    text += QStringLiteral("ccflags = %1\n").arg(shellArgs(plan.cCompileFlags));
    text += QStringLiteral("ldflags = %1\n\n").arg(shellArgs(plan.linkFlags));
    text += rules(plan);
    QStringList objects;
    text += compileEdges(plan, &objects);
    text += QLatin1Char('\n') + linkEdges(plan, objects);
    return text.toUtf8();
}

QByteArray symbolTableScript()
{
    // Input: `nm -n -S -C` lines "ADDR SIZE TYPE NAME…" or "ADDR TYPE NAME…" (no size).
    // Output: the .keel_symbols blob of docs/ARCHITECTURE.md as assembly.
    return QByteArrayLiteral(
        "# Generated by keel: nm output -> .keel_symbols (see docs/ARCHITECTURE.md).\n"
        "BEGIN { n = 0; total = 0 }\n"
        "{\n"
        "    if (length($2) == 1) { size = \"0\"; type = $2; first = 3 }\n"
        "    else { size = $2; type = $3; first = 4 }\n"
        "    if (type !~ /^[TtWw]$/) next\n"
        "    name = $first\n"
        "    for (i = first + 1; i <= NF; i++) name = name \" \" $i\n"
        "    gsub(/\\\\/, \"\\\\\\\\\", name); gsub(/\"/, \"\\\\\\\"\", name)\n"
        "    addr[n] = $1; sz[n] = size; off[n] = total; nm[n] = name\n"
        "    total += length(name) + 1; n++\n"
        "}\n"
        "END {\n"
        "    print \"    .section .keel_symbols, \\\"a\\\"\"\n"
        "    print \"    .balign 8\"\n"
        "    print \"    .quad 0x4c4f424d59534b4b\"\n"
        "    printf \"    .quad %d\\n\", n\n"
        "    for (i = 0; i < n; i++)\n"
        "        printf \"    .quad 0x%s\\n    .long 0x%s\\n    .long %d\\n\", addr[i], sz[i], off[i]\n"
        "    for (i = 0; i < n; i++) printf \"    .asciz \\\"%s\\\"\\n\", nm[i]\n"
        "}\n");
}

} // namespace Keel::NinjaWriter
