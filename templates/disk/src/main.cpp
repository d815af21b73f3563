// {{name}}: a Keel pico VM with a disk. Sector 0 holds a small record (a magic word and how many
// times this VM has booted); sectors 1 and up hold a boot log, one 64-byte line per boot. Each run
// prints what the previous runs left, adds its own line and writes everything back, so running
// `keel run --headless` twice shows the count going up. Delete disk.img to start over.
#include <keel/blockdevice.h>
#include <keel/print.h>

#include <ktl/format.h>

namespace {

constexpr u32 kSector = 512;
constexpr char kMagic[8] = { 'K', 'E', 'E', 'L', 'D', 'I', 'S', 'K' };
constexpr u32 kLineBytes = 64;
constexpr u32 kLogSectors = 8; // the last 64 boots
constexpr u32 kLogLines = kLogSectors * kSector / kLineBytes;

struct Record {
    char magic[8];
    u32 boots;
};

u8 s_header[kSector];
char s_log[kLogSectors * kSector];

Record readRecord()
{
    Record record {};
    __builtin_memcpy(&record, s_header, sizeof(record));
    if (__builtin_memcmp(record.magic, kMagic, sizeof(kMagic)) != 0) {
        keel::println("No Keel record on this disk yet: starting one.");
        record = {};
        __builtin_memcpy(record.magic, kMagic, sizeof(kMagic));
        __builtin_memset(s_log, 0, sizeof(s_log));
    }
    return record;
}

void printLog(u32 boots)
{
    u32 first = boots > kLogLines ? boots - kLogLines : 0;
    for (u32 boot = first; boot < boots; ++boot) {
        const char* line = s_log + (boot % kLogLines) * kLineBytes;
        size_t length = 0;
        while (length < kLineBytes && line[length])
            ++length;
        keel::println("  {}", ktl::StringView(line, length));
    }
}

ktl::ErrorOr<void> run(keel::block::BlockDevice& disk)
{
    keel::println("Disk {}: {} KiB", disk.name(), disk.sizeInBytes() / 1024);
    if (disk.sectorCount() < 1 + kLogSectors)
        return ktl::Error(ktl::ErrorCode::OutOfRange, "the disk is too small for the boot log");
    TRY(disk.read(0, s_header));
    TRY(disk.read(1, ktl::Span<u8>(reinterpret_cast<u8*>(s_log), sizeof(s_log))));
    Record record = readRecord();
    keel::println("This VM has booted {} time(s) before.", record.boots);
    printLog(record.boots);

    char* line = s_log + (record.boots % kLogLines) * kLineBytes;
    __builtin_memset(line, 0, kLineBytes);
    ++record.boots;
    ktl::formatToBuffer(ktl::Span<char>(line, kLineBytes), "boot #{} wrote this line", record.boots);
    __builtin_memcpy(s_header, &record, sizeof(record));
    TRY(disk.write(1, ktl::Span<const u8>(reinterpret_cast<const u8*>(s_log), sizeof(s_log))));
    TRY(disk.write(0, s_header));
    TRY(disk.flush());
    keel::println("Recorded boot #{}. Run again to see it.", record.boots);
    return {};
}

} // namespace

int main()
{
    auto disks = keel::block::devices();
    if (disks.isEmpty()) {
        keel::println("No disk: add disks = [\"disk.img\"] to [run] in keel.toml.");
        return 1;
    }
    if (auto result = run(*disks[0]); result.isError()) {
        keel::println("Disk error: {}", result.error());
        return 1;
    }
    return 0;
}
