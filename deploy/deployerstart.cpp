// Deployer: starting new replicas several at a time. libvirtd handles each call in its own
// worker thread and a libvirt connection may be shared between threads, so N starts overlap
// QEMU's start-up instead of queueing behind each other.
#include "deployer.h"

#include "domainxml.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace Keel {

bool Deployer::startInParallel(const QList<DomainSpec> &specs, QStringList *started, QString *error)
{
    std::mutex mutex;
    std::atomic<qsizetype> next{0};
    QString firstError;
    auto work = [&] {
        for (qsizetype i = next++; i < specs.size(); i = next++) {
            {
                std::lock_guard lock(mutex);
                if (!firstError.isEmpty())
                    return; // one failure ends the deploy; do not start more only to remove them
            }
            const DomainSpec &spec = specs[i];
            QString failure;
            const bool ok = startDomain(DomainXml::build(spec), spec.metadata, &failure);
            std::lock_guard lock(mutex);
            if (ok) {
                *started << spec.name;
                report(QStringLiteral("started %1").arg(spec.name));
            } else if (firstError.isEmpty()) {
                firstError = failure;
            }
        }
    };
    std::vector<std::thread> threads;
    const qsizetype count = qMin<qsizetype>(kParallelStarts, specs.size());
    for (qsizetype i = 0; i < count; ++i)
        threads.emplace_back(work);
    for (std::thread &thread : threads)
        thread.join();
    if (firstError.isEmpty())
        return true;
    *error = firstError;
    return false;
}

} // namespace Keel
