// The Build Output dock: the builder's output lines as they arrive, in a fixed-width font.
#pragma once

#include <QPlainTextEdit>

namespace Keel::Studio {

class BuildOutputPanel : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit BuildOutputPanel(QWidget* parent = nullptr);

    void appendLine(const QString& line);
};

} // namespace Keel::Studio
