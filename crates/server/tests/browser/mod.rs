//! End to end in a real browser: headless Chromium driven over WebDriver
//! through the portal served on a local port. Skipped, with a message, where
//! Debian's `chromium` and `chromium-driver` are not installed.

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The chromedriver we started, stopped when the test ends however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_driver() -> (Driver, String) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(child);
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let start = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not listen on {addr}");
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, format!("http://{addr}"))
}

async fn browser(webdriver: &str, profile: &Path) -> Client {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1000,1200",
    ]
    .iter()
    .map(|a| a.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect::<Vec<_>>();
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
    });
    let serde_json::Value::Object(capabilities) = capabilities else { unreachable!() };
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(webdriver)
        .await
        .expect("a chromium session")
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shoot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshots().join(name), png).unwrap();
}

fn no_browser() -> bool {
    let missing = !Path::new(CHROMEDRIVER).exists() || !Path::new(CHROMIUM).exists();
    if missing {
        eprintln!("skipped: {CHROMEDRIVER} or {CHROMIUM} is missing (apt-get install chromium chromium-driver)");
    }
    missing
}

#[tokio::test]
async fn browser_follows_related_searches_and_sees_the_chart() {
    if no_browser() {
        return;
    }
    let (dir, db) = crate::store();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, chronicle_server::router(db)).await });
    let (_driver, webdriver) = start_driver();
    let client = browser(&webdriver, &dir.path().join("profile")).await;
    let outcome = walk(&client, &base).await;
    client.close().await.unwrap();
    outcome.unwrap();
}

/// The walk itself; errors are returned so the session is closed first.
async fn walk(client: &Client, base: &str) -> Result<(), fantoccini::error::CmdError> {
    // An event page, then a related event through its link.
    client.goto(&format!("{base}/event/{}", crate::TALKS)).await?;
    shoot(client, "event.png").await;
    client.find(Locator::Css("ol.related a")).await?.click().await?;
    let title = client.wait().for_element(Locator::XPath("//h1[starts-with(., 'Sylvania threatens')]")).await?;
    assert!(title.text().await?.ends_with("crossing."));
    assert_eq!(client.current_url().await?.path(), format!("/event/{}", crate::THREAT));

    // Search from the header box; the match is highlighted.
    client.find(Locator::Id("quick-q")).await?.send_keys("grain").await?;
    client.find(Locator::Css("form.quick button")).await?.click().await?;
    let mark = client.wait().for_element(Locator::Css("ol.results mark")).await?;
    assert_eq!(mark.text().await?, "grain");
    assert!(client.current_url().await?.as_str().contains("/search?q=grain"));
    shoot(client, "search.png").await;

    // An entity page, reached from the event's entity list.
    client.goto(&format!("{base}/event/{}", crate::TALKS)).await?;
    client.find(Locator::LinkText("Freedonia")).await?.click().await?;
    client.wait().for_element(Locator::XPath("//h1[starts-with(., 'Freedonia')]")).await?;
    assert_chart_drawn(client, 3).await?;
    shoot(client, "entity.png").await;
    Ok(())
}

/// The entity page's chart is on screen with a laid-out line and `dots`
/// points, each drawn inside the chart's box.
async fn assert_chart_drawn(client: &Client, dots: u64) -> Result<(), fantoccini::error::CmdError> {
    let drawn = client
        .execute(
            "const svg = document.querySelector('svg.chart');
             const box = svg.getBoundingClientRect();
             const inside = [...svg.querySelectorAll('circle')].every(c => {
                 const r = c.getBoundingClientRect();
                 return r.width > 0 && r.left >= box.left && r.right <= box.right
                     && r.top >= box.top && r.bottom <= box.bottom;
             });
             return [box.width, box.height, svg.querySelector('polyline.line').getBBox().width,
                     svg.querySelectorAll('circle').length, inside];",
            vec![],
        )
        .await?;
    let n = |i: usize| drawn[i].as_f64().unwrap_or(0.0);
    assert!(n(0) > 300.0 && n(1) > 100.0, "chart box {drawn}");
    assert!(n(2) > 100.0, "chart line {drawn}");
    assert_eq!(drawn[3].as_u64(), Some(dots), "{drawn}");
    assert_eq!(drawn[4], json!(true), "every point inside the chart: {drawn}");
    Ok(())
}

#[tokio::test]
async fn browser_walks_the_static_export_from_disk() {
    if no_browser() {
        return;
    }
    let (dir, db) = crate::store();
    let site = dir.path().join("site");
    let snapshot = chronicle_store::Store::open(&db).unwrap().snapshot().unwrap();
    chronicle_publish::site::export(&snapshot, &site, &chronicle_events::country_code).unwrap();
    let (_driver, webdriver) = start_driver();
    let client = browser(&webdriver, &dir.path().join("profile")).await;
    let outcome = walk_files(&client, &site).await;
    client.close().await.unwrap();
    outcome.unwrap();
}

/// From `index.html` opened as a file: a day, an event, a related event,
/// an entity; every step by clicking a relative link.
async fn walk_files(client: &Client, site: &Path) -> Result<(), fantoccini::error::CmdError> {
    client.goto(&format!("file://{}", site.join("index.html").display())).await?;
    // The stylesheet is a separate file; it applied if the header is a flex row.
    let display = client.execute("return getComputedStyle(document.querySelector('header')).display", vec![]).await?;
    assert_eq!(display, json!("flex"));
    client.find(Locator::Css("a[href$='news/2031/04/20/index.html']")).await?.click().await?;
    client.wait().for_element(Locator::XPath("//h1/time[@datetime='2031-04-20']")).await?;
    client.find(Locator::LinkText("Sylvania threatens to close the Marsovia crossing.")).await?.click().await?;
    client.wait().for_element(Locator::Css("ol.related a")).await?.click().await?;
    let title = client.wait().for_element(Locator::XPath("//h1[starts-with(., 'Freedonia and Sylvania')]")).await?;
    assert!(title.text().await?.ends_with("Marsovia."));
    assert!(client.current_url().await?.path().ends_with(&format!("/event/{}.html", crate::TALKS)));
    client.find(Locator::LinkText("Rufus T. Firefly")).await?.click().await?;
    client.wait().for_element(Locator::XPath("//h1[starts-with(., 'Rufus T. Firefly')]")).await?;
    client.find(Locator::LinkText("Freedonia")).await?.click().await?;
    client.wait().for_element(Locator::XPath("//h1[starts-with(., 'Freedonia')]")).await?;
    assert_chart_drawn(client, 3).await?;
    shoot(client, "static-entity.png").await;
    Ok(())
}
