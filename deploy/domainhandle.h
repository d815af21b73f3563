// DomainHandle: owns a virDomainPtr for the scope of a function (libvirt's handles are
// reference-counted and must be freed).
#pragma once

#include <libvirt/libvirt.h>

namespace Keel {

class DomainHandle
{
public:
    explicit DomainHandle(virDomainPtr domain = nullptr) : m_domain(domain) {}
    ~DomainHandle() { reset(); }
    DomainHandle(const DomainHandle &) = delete;
    DomainHandle &operator=(const DomainHandle &) = delete;
    DomainHandle(DomainHandle &&other) noexcept : m_domain(other.m_domain) { other.m_domain = nullptr; }

    virDomainPtr get() const { return m_domain; }
    explicit operator bool() const { return m_domain != nullptr; }
    void reset(virDomainPtr domain = nullptr)
    {
        if (m_domain)
            virDomainFree(m_domain);
        m_domain = domain;
    }

private:
    virDomainPtr m_domain = nullptr;
};

} // namespace Keel
