// The Emulator panel's Display tab: the guest screen from an RfbClient, scaled crisply (the
// largest whole factor that fits, else aspect-correct), with the keyboard sent as scancodes and
// the mouse sent while the view has focus. Click grabs; Ctrl+Alt releases.
#pragma once

#include "emulator/rfbclient.h"

#include <QImage>
#include <QPointer>
#include <QWidget>

namespace Keel::Studio {

class DisplayView : public QWidget {
    Q_OBJECT
public:
    explicit DisplayView(QWidget* parent = nullptr);

    void setClient(RfbClient* client); // null: no display (headless machine or no run)
    void setUnavailableText(const QString& text);
    QImage image() const { return m_image; }
    bool saveScreenshot(const QString& path, QString* error) const;
    bool isGrabbed() const { return m_grabbed; }
    QRect imageRect() const; // where the screen is drawn, in widget coordinates

signals:
    void imageChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    bool focusNextPrevChild(bool next) override;

private:
    void onFramebufferUpdated();
    void sendKey(QKeyEvent* event, bool down);
    void sendPointer(QMouseEvent* event);
    void setGrabbed(bool grabbed);
    QString hintText() const;

    QPointer<RfbClient> m_client;
    QImage m_image;
    QString m_unavailable;
    bool m_grabbed = false;
};

} // namespace Keel::Studio
