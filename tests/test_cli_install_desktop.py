"""`visualnn install-desktop` into a temporary prefix, and back out."""
from visualnn.cli import main
from visualnn.core.paths import find_assets


def parse_desktop(text):
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def test_install_and_uninstall_into_a_prefix(tmp_path, capsys):
    prefix = tmp_path / "share"
    assert main(["install-desktop", "--prefix", str(prefix)]) == 0
    assert str(prefix) in capsys.readouterr().out
    entry = parse_desktop((prefix / "applications" / "visualnn.desktop").read_text())
    assert entry["Exec"].endswith(" %f") and "visualnn-app" in entry["Exec"]
    assert entry["MimeType"] == "application/x-visualnn;" and entry["Icon"] == "visualnn"
    assert (prefix / "mime" / "packages" / "visualnn.xml").read_bytes() == \
        (find_assets() / "desktop" / "visualnn-mime.xml").read_bytes()
    for size in (16, 48, 512):
        png = prefix / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "visualnn.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (prefix / "icons" / "hicolor" / f"{size}x{size}" / "mimetypes" / "application-x-visualnn.png").is_file()
    assert (prefix / "icons" / "hicolor" / "scalable" / "apps" / "visualnn.svg").is_file()
    assert main(["install-desktop", "--uninstall", "--prefix", str(prefix)]) == 0
    left = [p for p in prefix.rglob("*") if p.is_file() and p.name.startswith(("visualnn", "application-x-visualnn"))]
    assert left == []
