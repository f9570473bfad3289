"""The dashboard in headless Chromium (Debian's ``chromium`` + ``chromium-driver``, driven by Selenium)
against a real server on loopback: every page loads, a search result leads to an article and on to an
actor, highlights show their records, and the hostile article renders as text. Screenshots go to
tests/_artifacts/ (git-ignored)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import _webstore as ws  # noqa: E402

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "_artifacts"

if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
                allow_module_level=True)  # fmt: skip
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1360,1000", "--hide-scrollbars",
]  # fmt: skip


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from eventwire.web import create_app

    db = ws.build_store(tmp_path_factory.mktemp("browser") / "web.db", pipeline=False)
    with ws.running_server(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="ew-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def shot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def full_shot(driver: Any, name: str) -> None:
    """Screenshot of the whole page height (window resized to fit, then restored)."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1360, min(max(1000, height), 3000))
    shot(driver, name)
    driver.set_window_size(1360, 1000)


def no_errors(driver: Any) -> None:
    """No JavaScript errors or CSP violations in the console."""
    logs = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert logs == []


def test_search_to_article_to_actor(base: str, browser: Any) -> None:
    browser.get(base + "/")
    assert "Latest articles" in browser.page_source
    shot(browser, "home")
    box = browser.find_element(By.CSS_SELECTOR, ".searchform input[name=q]")
    box.send_keys("premeditated")
    box.submit()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "article-results")))
    assert browser.find_element(By.CSS_SELECTOR, "#article-results mark").text.lower() == "premeditated"
    shot(browser, "search")
    browser.find_element(By.CSS_SELECTOR, "#article-results a.title").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "article-text")))
    assert browser.find_element(By.ID, "article-title").text == "Russian troops attack Ukraine"

    trigger = browser.find_element(By.CSS_SELECTOR, "#article-text .trigger[data-refs]")
    assert trigger.text == "shelled"
    trigger.click()
    popup = browser.find_element(By.ID, "popup")
    WebDriverWait(browser, 5).until(lambda d: popup.is_displayed())
    assert "ASSAULT" in popup.text and "test:hand-made" in popup.text and "2022-02-24" in popup.text
    card = browser.find_element(By.CSS_SELECTOR, ".record.active")
    assert "ASSAULT" in card.text
    shot(browser, "article")
    no_errors(browser)

    link = popup.find_element(By.CSS_SELECTOR, "a.actor")  # RUS MIL → the RUS actor page
    link.click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "actor-name")))
    assert browser.find_element(By.ID, "actor-name").text == "Russia"
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.up")
    assert "shelled" in browser.find_element(By.ID, "events-done").text
    full_shot(browser, "actor-rus")
    no_errors(browser)


def test_article_marks_event_arguments(base: str, browser: Any) -> None:
    """The words naming an event's source and target are marked apart by line style and title, not colour
    alone, and lead to the event's record like its trigger."""
    browser.get(base + "/?q=premeditated")
    browser.find_element(By.CSS_SELECTOR, "#article-results a.title").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "article-text")))
    source = browser.find_element(By.CSS_SELECTOR, "#article-text .arg-source[data-refs]")
    target = browser.find_element(By.CSS_SELECTOR, "#article-text .arg-target[data-refs]")
    assert (source.text, target.text) == ("Russian troops", "Ukrainian positions")
    assert (source.get_attribute("title"), target.get_attribute("title")) == (
        "source of ASSAULT", "target of ASSAULT",
    )  # fmt: skip
    style = "return getComputedStyle(arguments[0]).borderBottomStyle"
    assert browser.execute_script(style, source) == "solid"
    assert browser.execute_script(style, target) == "dashed"
    trigger = browser.find_element(By.CSS_SELECTOR, "#article-text .trigger[data-refs]")
    assert source.get_attribute("data-refs") == trigger.get_attribute("data-refs")
    target.click()
    popup = browser.find_element(By.ID, "popup")
    WebDriverWait(browser, 5).until(lambda d: popup.is_displayed())
    assert "ASSAULT" in popup.text and "shelled" in popup.text
    shot(browser, "article-arguments")
    no_errors(browser)


def test_actor_page_with_office(base: str, browser: Any) -> None:
    browser.get(base + "/actors/person:antony-blinken")
    assert browser.find_element(By.ID, "actor-name").text == "Antony Blinken"
    assert "Secretary of State" in browser.find_element(By.CSS_SELECTOR, ".office").text
    shot(browser, "actor-blinken")


def test_dyad_chart_drills_into_events(base: str, browser: Any) -> None:
    browser.get(base + "/dyads/RUS/USA?interval=week")
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.chart a.col")
    assert len(bars) == 4  # 2022-01-31 .. 2022-02-21, the empty weeks filled
    shot(browser, "dyad")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", bars[0])
    WebDriverWait(browser, 10).until(lambda d: "period=2022-01-31" in d.current_url)
    events = browser.find_element(By.ID, "dyad-events").text
    assert "ACCUSE" in events and "SANCTION" not in events
    browser.find_element(By.CSS_SELECTOR, "#dyad-events a.ctx").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".record.active")))
    no_errors(browser)


def test_network_draws(base: str, browser: Any) -> None:
    browser.get(base + "/network")
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "network").get_attribute("data-ready") is not None
    )
    nodes = browser.find_elements(By.CSS_SELECTOR, "#network g.node")
    labels = {n.find_element(By.TAG_NAME, "text").text for n in nodes}
    assert {"RUS", "USA", "UKR", "NATO"} <= labels
    assert len(browser.find_elements(By.CSS_SELECTOR, "#network path.edge")) >= 4
    shot(browser, "network")
    no_errors(browser)


def test_hostile_article_renders_as_text(base: str, browser: Any) -> None:
    browser.get(base + "/?q=protesters")
    link = browser.find_element(By.CSS_SELECTOR, "#article-results a.title")
    assert link.text == ws.XSS_TITLE  # the title's tags are shown, not applied
    link.click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "article-text")))
    text = browser.find_element(By.ID, "article-text").text
    assert "<script>window.__xss = 1; alert('xss')</script>" in text
    assert '<img src=x onerror="window.__xss = 2">' in text
    assert browser.execute_script("return window.__xss === undefined")
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text img, #article-text script, iframe") == []
    assert browser.find_element(By.ID, "article-title").text == ws.XSS_TITLE
    for tag in ("b", "i"):
        assert browser.find_elements(By.CSS_SELECTOR, f"main {tag}:not(.office b)") == [] or tag == "b"
    assert browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript']") == []
    marks = browser.find_elements(By.CSS_SELECTOR, "#article-text .arg-source, #article-text .arg-target")
    assert [m.text for m in marks] == ["Lavrov", "NATO"]  # the argument marks hold text, never markup
    quote = browser.find_element(By.CSS_SELECTOR, "#article-text .quote[data-refs]")
    quote.click()
    assert "<iframe src=javascript:alert(3)>" in browser.find_element(By.ID, "popup").text
    shot(browser, "hostile")
    assert browser.execute_script("return window.__xss === undefined")
    no_errors(browser)


@pytest.fixture(scope="module")
def demo_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from eventwire.web import create_app

    db = ws.build_demo(tmp_path_factory.mktemp("demo") / "demo.db")
    if db is None:
        pytest.skip("no sample corpus in src/eventwire/data/samples")
    with ws.running_server(create_app(db)) as url:
        yield url


def test_demo_corpus_pages(demo_base: str, browser: Any) -> None:
    """The sample corpus as an analyst sees it (screenshots demo-*.png, the ones in docs/screenshots)."""
    browser.get(demo_base + "/")
    assert browser.find_elements(By.CSS_SELECTOR, "#recent li a.title")
    full_shot(browser, "demo-home")
    box = browser.find_element(By.CSS_SELECTOR, ".searchform input[name=q]")
    box.send_keys("security demands")
    box.submit()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "article-results")))
    full_shot(browser, "demo-search")
    browser.find_element(By.CSS_SELECTOR, "#article-results a.title").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "article-text")))
    marks = browser.find_elements(By.CSS_SELECTOR, "#article-text .trigger[data-refs]")
    if marks:  # whatever the coder found is clickable and shows its record
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", marks[0])
        marks[0].click()
        assert browser.find_element(By.ID, "popup").is_displayed()
    shot(browser, "demo-article")
    actor_links = browser.find_elements(By.CSS_SELECTOR, ".records a.actor")
    if actor_links:
        browser.execute_script("arguments[0].click()", actor_links[0])
        WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "actor-name")))
    browser.get(demo_base + "/actors/person:vladimir-putin")
    full_shot(browser, "demo-actor")
    browser.get(demo_base + "/dyads/RUS/USA?interval=month")
    full_shot(browser, "demo-dyad")
    browser.get(demo_base + "/network")
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "network").get_attribute("data-ready"))
    shot(browser, "demo-network")
    no_errors(browser)
