"""The accessibility audit finds what it should: a page with an image without text and an unnamed button fails it."""

from tests.browser.accessibility import AXE, audit, blocking


def test_the_audit_reports_an_image_without_text_and_an_unnamed_button(page):
    assert AXE.is_file(), "axe-core is not installed: run scripts/setup.sh requirements-test.txt"
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>Audit</h1>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main></body></html>')
    found = {v["id"] for v in blocking(audit(page))}
    assert {"image-alt", "button-name"} <= found, found


def test_a_page_without_faults_passes_it(page):
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>Audit</h1>'
                     '<img alt="A bar chart" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                     '<button>Download</button></main></body></html>')
    assert blocking(audit(page)) == []
