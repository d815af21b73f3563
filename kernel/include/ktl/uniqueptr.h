// Single ownership of a heap object.
//
//     auto device = ktl::makeUnique<Device>(port);         // MUSTs on out of memory
//     auto maybe = TRY(ktl::tryMakeUnique<Device>(port));   // or reports OutOfMemory
//     device->reset();
//     Device* raw = device.release();                      // caller now owns it
#pragma once

#include <ktl/error.h>

namespace ktl {

template<typename T>
class UniquePtr {
public:
    UniquePtr() = default;
    explicit UniquePtr(T* pointer) : m_pointer(pointer) {}
    UniquePtr(UniquePtr&& other) : m_pointer(other.release()) {}
    template<typename U>
        requires requires(U* u) { static_cast<T*>(u); }
    UniquePtr(UniquePtr<U>&& other) : m_pointer(other.release())
    {
    }
    UniquePtr(const UniquePtr&) = delete;
    UniquePtr& operator=(const UniquePtr&) = delete;
    UniquePtr& operator=(UniquePtr&& other)
    {
        if (this != &other)
            reset(other.release());
        return *this;
    }
    ~UniquePtr() { reset(); }

    T* get() const { return m_pointer; }
    T* operator->() const { return m_pointer; }
    T& operator*() const { return *m_pointer; }
    explicit operator bool() const { return m_pointer != nullptr; }

    T* release() { return exchange(m_pointer, nullptr); }
    void reset(T* pointer = nullptr)
    {
        T* old = exchange(m_pointer, pointer);
        delete old;
    }

private:
    T* m_pointer = nullptr;
};

template<typename T, typename... Args>
UniquePtr<T> makeUnique(Args&&... args)
{
    return UniquePtr<T>(new T(forward<Args>(args)...));
}

template<typename T, typename... Args>
ErrorOr<UniquePtr<T>> tryMakeUnique(Args&&... args)
{
    T* object = new (kNoThrow) T(forward<Args>(args)...);
    if (!object)
        return Error(ErrorCode::OutOfMemory, "no memory for object");
    return UniquePtr<T>(object);
}

} // namespace ktl
