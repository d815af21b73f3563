#include "interrupts/irqtable.h"

namespace keel::interrupts {

using ktl::Error;
using ktl::ErrorCode;

ktl::ErrorOr<void> IrqTable::install(u8 vector, Handler handler, void* context)
{
    if (vector < kFirstIsaVector || vector == kSpuriousVector || !handler)
        return Error(ErrorCode::InvalidArgument, "handlers go on vectors 32-254 and must not be null");
    if (!isFree(vector))
        return Error(ErrorCode::AlreadyExists, "the interrupt already has a handler");
    m_entries[vector] = { handler, context };
    return {};
}

void IrqTable::remove(u8 vector)
{
    m_entries[vector] = {};
}

bool IrqTable::isFree(u8 vector) const
{
    return m_entries[vector].handler == nullptr;
}

ktl::ErrorOr<u8> IrqTable::installAnywhere(Handler handler, void* context)
{
    for (unsigned vector = kFirstDynamicVector; vector < kSpuriousVector; ++vector) {
        if (isFree(u8(vector))) {
            TRY(install(u8(vector), handler, context));
            return u8(vector);
        }
    }
    return Error(ErrorCode::TooMany, "every interrupt vector from 48 to 254 is taken");
}

bool IrqTable::dispatch(u8 vector)
{
    const Entry& entry = m_entries[vector];
    if (!entry.handler) {
        ++m_unhandled;
        return false;
    }
    entry.handler(entry.context);
    return true;
}

} // namespace keel::interrupts
