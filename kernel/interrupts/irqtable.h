// The handler for each interrupt vector 32-255, free of hardware so host tests can check it.
//
//     IrqTable table;
//     MUST(table.install(33, onKey, &keyboard));
//     table.dispatch(33);                       // calls onKey(&keyboard)
#pragma once

#include "interrupts/vectors.h"

#include <ktl/error.h>

namespace keel::interrupts {

class IrqTable {
public:
    ktl::ErrorOr<void> install(u8 vector, Handler handler, void* context);
    void remove(u8 vector);
    bool isFree(u8 vector) const;
    // The lowest free vector in [kFirstDynamicVector, kSpuriousVector), installed with `handler`.
    ktl::ErrorOr<u8> installAnywhere(Handler handler, void* context);

    // Calls the vector's handler; false when it has none (counted as unhandled).
    bool dispatch(u8 vector);
    u64 unhandledCount() const { return m_unhandled; }

private:
    struct Entry {
        Handler handler = nullptr;
        void* context = nullptr;
    };

    Entry m_entries[256] {};
    u64 m_unhandled = 0;
};

} // namespace keel::interrupts
