#include "testproject.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

void writeFile(const std::string& path, const std::string& contents)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << contents;
}

TestProject::TestProject(const std::string& templateName)
{
    char pattern[] = "/tmp/keel-it-XXXXXX";
    if (!mkdtemp(pattern))
        throw std::runtime_error("mkdtemp failed");
    m_root = pattern;
    m_name = "app" + templateName;
    m_name.erase(std::remove(m_name.begin(), m_name.end(), '-'), m_name.end());
    m_directory = m_root + "/" + m_name;
    auto created = runCommand(std::string(KEEL_BINARY) + " new " + shellQuote(m_directory)
            + " --template " + shellQuote(templateName),
        m_root, 60);
    if (created.exitCode != 0)
        throw std::runtime_error("keel new failed: " + created.output);
}

TestProject::~TestProject()
{
    std::error_code ignored;
    fs::remove_all(m_root, ignored);
}

void TestProject::useApp(const std::string& app)
{
    fs::copy_file(std::string(KEEL_TEST_APPS) + "/" + app + "/main.cpp",
        m_directory + "/src/main.cpp", fs::copy_options::overwrite_existing);
}

void TestProject::setFeatures(const std::string& tomlArray)
{
    std::string toml = readFile(m_directory + "/keel.toml");
    toml = std::regex_replace(toml, std::regex("features *= *\\[[^\\]]*\\]"),
        "features = " + tomlArray);
    writeFile(m_directory + "/keel.toml", toml);
}

CommandResult TestProject::keel(const std::string& arguments, int timeoutSeconds) const
{
    return runCommand(std::string(KEEL_BINARY) + " " + arguments, m_directory, timeoutSeconds);
}

std::string TestProject::imagePath(const std::string& profile) const
{
    return m_directory + "/build/" + profile + "/" + m_name + ".elf";
}
