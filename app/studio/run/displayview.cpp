#include "displayview.h"

#include "emulator/hostkeymap.h"
#include "emulator/rfbclient.h"
#include "emulator/rfbimage.h"

#include <QKeyEvent>
#include <QPainter>

namespace Keel::Studio {

namespace {
constexpr int kHintHeight = 22;
}

DisplayView::DisplayView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("displayView"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(320, 200);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_unavailable = tr("No screen: Run (F5) a project whose machine has a display (pc or q35).");
}

void DisplayView::setClient(RfbClient* client)
{
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    m_client = client;
    m_image = QImage();
    setGrabbed(false);
    if (client) {
        connect(client, &RfbClient::framebufferUpdated, this, &DisplayView::onFramebufferUpdated);
        connect(client, &RfbClient::framebufferResized, this, &DisplayView::onFramebufferUpdated);
    }
    update();
}

void DisplayView::setUnavailableText(const QString& text)
{
    m_unavailable = text;
    update();
}

void DisplayView::onFramebufferUpdated()
{
    m_image = rfbImage(m_client->framebuffer());
    update();
    emit imageChanged();
}

bool DisplayView::saveScreenshot(const QString& path, QString* error) const
{
    if (m_image.isNull() || !m_image.save(path, "PNG")) {
        if (error)
            *error = m_image.isNull() ? tr("There is no guest screen to save yet.")
                                      : tr("Cannot write the screenshot to %1.").arg(path);
        return false;
    }
    return true;
}

QRect DisplayView::imageRect() const
{
    if (m_image.isNull())
        return {};
    const QSize available = size() - QSize(0, kHintHeight);
    const QSize screen = m_image.size();
    // Whole-number factors keep pixels square and sharp; only a view smaller than the screen
    // falls back to a fractional, aspect-correct fit.
    const int factor = qMin(available.width() / screen.width(), available.height() / screen.height());
    const QSize drawn = factor >= 1 ? screen * factor : screen.scaled(available, Qt::KeepAspectRatio);
    return QRect(QPoint((width() - drawn.width()) / 2, (available.height() - drawn.height()) / 2), drawn);
}

void DisplayView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
            m_client ? tr("Waiting for the guest screen…") : m_unavailable);
        return;
    }
    const QRect target = imageRect();
    const bool whole = target.width() % m_image.width() == 0;
    painter.setRenderHint(QPainter::SmoothPixmapTransform, !whole);
    painter.drawImage(target, m_image);
    painter.setPen(m_grabbed ? QColor(120, 200, 120) : QColor(170, 170, 170));
    painter.drawText(QRect(0, height() - kHintHeight, width(), kHintHeight), Qt::AlignCenter, hintText());
}

QString DisplayView::hintText() const
{
    return m_grabbed ? tr("Keyboard and mouse go to the guest — press Ctrl+Alt to release")
                     : tr("Click the screen to send it keyboard and mouse");
}

void DisplayView::keyPressEvent(QKeyEvent* event)
{
    const Qt::KeyboardModifiers held = event->modifiers() & (Qt::ControlModifier | Qt::AltModifier);
    const bool releaseChord = (event->key() == Qt::Key_Alt && held & Qt::ControlModifier)
        || (event->key() == Qt::Key_Control && held & Qt::AltModifier);
    if (releaseChord && m_grabbed) {
        setGrabbed(false);
        if (m_client) { // the guest saw Ctrl (or Alt) go down: let it go up again
            m_client->sendKey(*HostKeyMap::keyFor(Qt::Key_Control), RfbKeyState::Up);
            m_client->sendKey(*HostKeyMap::keyFor(Qt::Key_Alt), RfbKeyState::Up);
        }
        return;
    }
    sendKey(event, true);
}

void DisplayView::keyReleaseEvent(QKeyEvent* event)
{
    sendKey(event, false);
}

void DisplayView::sendKey(QKeyEvent* event, bool down)
{
    if (!m_client || (event->isAutoRepeat() && !down))
        return;
    const std::optional<RfbKey> key = HostKeyMap::keyFor(event->key());
    if (!key)
        return QWidget::keyPressEvent(event);
    setGrabbed(true);
    m_client->sendKey(*key, down ? RfbKeyState::Down : RfbKeyState::Up);
    event->accept();
}

void DisplayView::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    setGrabbed(true);
    sendPointer(event);
}

void DisplayView::mouseReleaseEvent(QMouseEvent* event)
{
    sendPointer(event);
}

void DisplayView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_grabbed)
        sendPointer(event);
}

void DisplayView::sendPointer(QMouseEvent* event)
{
    const QRect target = imageRect();
    if (!m_client || target.isEmpty())
        return;
    const QPointF local = event->position() - target.topLeft();
    const int x = qBound(0, int(local.x() * m_image.width() / target.width()), m_image.width() - 1);
    const int y = qBound(0, int(local.y() * m_image.height() / target.height()), m_image.height() - 1);
    // RFB button mask: bit 0 left, 1 middle, 2 right.
    const Qt::MouseButtons buttons = event->buttons();
    const quint8 mask = (buttons & Qt::LeftButton ? 1 : 0) | (buttons & Qt::MiddleButton ? 2 : 0)
        | (buttons & Qt::RightButton ? 4 : 0);
    m_client->sendPointer(mask, x, y);
}

void DisplayView::focusOutEvent(QFocusEvent* event)
{
    setGrabbed(false);
    QWidget::focusOutEvent(event);
}

bool DisplayView::focusNextPrevChild(bool next)
{
    // Tab belongs to the guest while grabbed.
    return m_grabbed ? false : QWidget::focusNextPrevChild(next);
}

void DisplayView::setGrabbed(bool grabbed)
{
    if (m_grabbed == grabbed)
        return;
    m_grabbed = grabbed;
    update();
}

} // namespace Keel::Studio
