"""The parts' graph in docs/ARCHITECTURE.md is the one the build enforces: every folder of src/
but app/ is a part (onemap_part in its CMakeLists.txt), and the parts each links are those the
document lists. A change to either without the other fails here."""
import os
import re
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "src")


def documented_parts():
    with open(os.path.join(ROOT, "docs", "ARCHITECTURE.md"), encoding="utf-8") as doc:
        text = doc.read()
    block = re.search(r"```parts\n(.*?)```", text, re.S)
    if not block:
        raise AssertionError("docs/ARCHITECTURE.md has no ```parts block")
    graph = {}
    for line in block.group(1).splitlines():
        name, _, below = line.partition(":")
        graph[name.strip()] = set(below.split())
    return graph


def built_parts():
    graph = {}
    for folder in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, folder, "CMakeLists.txt")
        if folder == "app" or not os.path.isdir(os.path.join(SRC, folder)):
            continue
        if not os.path.exists(path):
            graph[folder] = None
            continue
        with open(path, encoding="utf-8") as cmake:
            text = re.sub(r"#.*", "", cmake.read())
        call = re.search(r"onemap_part\(\s*(\w+)(.*?)\)", text, re.S)
        if not call:
            graph[folder] = None
            continue
        words = call.group(2).split()
        below = set()
        if "PARTS" in words:
            for word in words[words.index("PARTS") + 1:]:
                if word in ("SOURCES", "LIBS"):
                    break
                below.add(word)
        graph[call.group(1)] = below
    return graph


class PartsTest(unittest.TestCase):
    def test_every_folder_is_a_part(self):
        missing = [name for name, below in built_parts().items() if below is None]
        self.assertEqual(missing, [], "folders of src/ without an onemap_part() in their CMakeLists.txt")

    def test_the_document_draws_the_graph_the_build_enforces(self):
        self.assertEqual(documented_parts(), built_parts())

    def test_the_graph_has_no_cycle(self):
        graph = built_parts()
        done, path = set(), []

        def visit(name):
            self.assertNotIn(name, path, f"a cycle: {' -> '.join(path + [name])}")
            if name in done:
                return
            path.append(name)
            for below in graph.get(name) or ():
                visit(below)
            path.pop()
            done.add(name)

        for name in graph:
            visit(name)


if __name__ == "__main__":
    unittest.main()
