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

#[tokio::test]
async fn browser_follows_related_searches_and_sees_the_chart() {
    if !Path::new(CHROMEDRIVER).exists() {
        eprintln!("skipped: {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)");
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

    // An entity page: the chart's line has been laid out with a width.
    client.goto(&format!("{base}/entity/Freedonia")).await?;
    let width =
        client.execute("return document.querySelector('svg.chart polyline.line').getBBox().width", vec![]).await?;
    assert!(width.as_f64().unwrap_or(0.0) > 100.0, "chart line width {width}");
    shoot(client, "entity.png").await;
    Ok(())
}
