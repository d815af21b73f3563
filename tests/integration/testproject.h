#pragma once

// A throw-away Keel project made with the real `keel new`, removed when the test ends.
//
//   TestProject project("hello");
//   project.useApp("nullderef");            // tests/integration/apps/nullderef/main.cpp
//   auto run = project.keel("run --headless --machine pc");

#include "commandrunner.h"

#include <string>

class TestProject {
public:
    explicit TestProject(const std::string& templateName);
    ~TestProject();

    const std::string& directory() const { return m_directory; }
    const std::string& name() const { return m_name; }

    // Replaces src/main.cpp with one of the apps under tests/integration/apps/.
    void useApp(const std::string& app);
    // Replaces the features line of keel.toml.
    void setFeatures(const std::string& tomlArray);

    CommandResult keel(const std::string& arguments, int timeoutSeconds = 180) const;
    std::string imagePath(const std::string& profile = "debug") const;

private:
    std::string m_root;
    std::string m_directory;
    std::string m_name;
};

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& contents);
