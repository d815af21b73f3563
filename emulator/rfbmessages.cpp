#include "rfbmessages.h"

#include <QtEndian>

namespace Keel {

RfbPixelFormat RfbPixelFormat::fromWire(QByteArrayView bytes)
{
    Q_ASSERT(bytes.size() >= kWireSize);
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    RfbPixelFormat format;
    format.bitsPerPixel = data[0];
    format.depth = data[1];
    format.bigEndian = data[2] != 0;
    format.trueColour = data[3] != 0;
    format.redMax = qFromBigEndian<quint16>(data + 4);
    format.greenMax = qFromBigEndian<quint16>(data + 6);
    format.blueMax = qFromBigEndian<quint16>(data + 8);
    format.redShift = data[10];
    format.greenShift = data[11];
    format.blueShift = data[12];
    return format;
}

QByteArray RfbPixelFormat::toWire() const
{
    QByteArray out(kWireSize, '\0');
    auto *data = reinterpret_cast<uchar *>(out.data());
    data[0] = bitsPerPixel;
    data[1] = depth;
    data[2] = bigEndian ? 1 : 0;
    data[3] = trueColour ? 1 : 0;
    qToBigEndian<quint16>(redMax, data + 4);
    qToBigEndian<quint16>(greenMax, data + 6);
    qToBigEndian<quint16>(blueMax, data + 8);
    data[10] = redShift;
    data[11] = greenShift;
    data[12] = blueShift;
    return out;
}

} // namespace Keel
