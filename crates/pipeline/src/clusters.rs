//! The online clusterer's state kept in the store, so that ingest clusters
//! with the same algorithm as `chronicle cluster` and a cluster is an
//! event: its number is the event's `seq`, and everything an article
//! changes is written in the article's own savepoint.

use crate::prepare::Prepared;
use chronicle_annotate::Annotator;
use chronicle_embed::SentenceEncoder;
use chronicle_events::{
    encoded_title, nearest_clusters, ClusterConfig, ClusterId, ClusterMeans, ClusterState, Counted, DenseMean,
    DocTerms, MeanVector, NearestQuery,
};
use chronicle_model::{Annotation, Article};
use chronicle_store::{StoreError, StoredCluster, Writer};
use std::borrow::Cow;

/// The clusterer's state inside one writing transaction.
pub struct StoreClusters<'w, 't> {
    w: &'w Writer<'t>,
}

impl<'w, 't> StoreClusters<'w, 't> {
    pub fn new(w: &'w Writer<'t>) -> Self {
        StoreClusters { w }
    }
}

fn corrupt(cluster: ClusterId) -> StoreError {
    StoreError::Corrupt(format!("the cluster of event number {cluster} is not a set of mean vectors"))
}

impl ClusterState for StoreClusters<'_, '_> {
    type Error = StoreError;

    fn count_document(&mut self, terms: &[&str]) -> Result<Counted, StoreError> {
        let (documents, terms) = self.w.count_cluster_document(terms)?;
        Ok(Counted { documents, terms })
    }

    fn postings(&self, term: u32) -> Result<Vec<ClusterId>, StoreError> {
        self.w.cluster_postings(term)
    }

    fn set_postings(&mut self, term: u32, clusters: &[ClusterId]) -> Result<(), StoreError> {
        self.w.set_cluster_postings(term, clusters)
    }

    fn latest(&self, cluster: ClusterId) -> Result<Option<chrono::NaiveDate>, StoreError> {
        self.w.cluster_latest(cluster)
    }

    fn means(&self, cluster: ClusterId) -> Result<Cow<'_, ClusterMeans>, StoreError> {
        let Some(stored) = self.w.event_cluster(cluster)? else {
            return Ok(Cow::Owned(ClusterMeans::default()));
        };
        let article = MeanVector::from_bytes(&stored.article).ok_or_else(|| corrupt(cluster))?;
        let entities = MeanVector::from_bytes(&stored.entities).ok_or_else(|| corrupt(cluster))?;
        let embedding = DenseMean::from_bytes(&stored.embedding).ok_or_else(|| corrupt(cluster))?;
        Ok(Cow::Owned(ClusterMeans { article, entities, embedding, latest: stored.latest }))
    }

    fn set_means(&mut self, cluster: ClusterId, means: ClusterMeans) -> Result<(), StoreError> {
        let stored = StoredCluster {
            latest: means.latest,
            article: means.article.to_bytes(),
            entities: means.entities.to_bytes(),
            embedding: means.embedding.to_bytes(),
        };
        self.w.put_event_cluster(cluster, &stored)
    }

    /// Only the rows the search compares are read: the store picks the
    /// most recently active clusters with vectors, as the search would.
    fn nearest(&self, query: &NearestQuery) -> Result<Vec<(ClusterId, chrono::NaiveDate)>, StoreError> {
        let rows = self.w.recent_cluster_vectors(query.since, query.among)?;
        let means = rows
            .into_iter()
            .map(|(seq, latest, bytes)| Ok((seq, latest, DenseMean::from_bytes(&bytes).ok_or_else(|| corrupt(seq))?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(nearest_clusters(means.iter().map(|(seq, latest, mean)| (*seq, *latest, mean)), query))
    }
}

/// The terms an article is clustered by: the words of its title and lead,
/// and the canonical entities of both. The lead's entities are those the
/// article's own annotation resolved; the title, which the text does not
/// hold, is annotated alone (a few words, cheap beside the article).
pub fn article_terms(article: &Article, annotation: &Annotation, annotator: &Annotator) -> DocTerms {
    let config = ClusterConfig::default();
    let title = article.title.as_deref().unwrap_or_default();
    let text = &article.text;
    let lead_end = config.lead(text).len();
    let mut entities: Vec<String> = if title.is_empty() {
        Vec::new()
    } else {
        annotator.annotate_entities(title).entities.into_iter().filter_map(|e| e.entity).collect()
    };
    entities.extend(annotation.entities.iter().filter(|e| e.span.end <= lead_end).filter_map(|e| e.entity.clone()));
    DocTerms::read(title, text, &entities, &config)
}

/// Give each article to cluster the sentence vector of its title, the
/// chunk's titles encoded together (the encoder batches them). The title
/// alone was measured against the title with its lead (BENCHMARKS,
/// "Clustering with sentence vectors") and read better. An article without
/// a title gets none, and is clustered by its words and entities alone.
pub fn embed_titles(encoder: &SentenceEncoder, prepared: &mut [Prepared]) {
    let mut titled: Vec<(&mut DocTerms, &str)> = prepared
        .iter_mut()
        .filter_map(|p| match p {
            Prepared::Article { article, clustering: Some(terms), .. } => {
                Some((terms, encoded_title(article.title.as_deref()?)?))
            }
            _ => None,
        })
        .collect();
    let titles: Vec<&str> = titled.iter().map(|(_, title)| *title).collect();
    let vectors = encoder.encode(&titles);
    for ((terms, _), vector) in titled.iter_mut().zip(vectors) {
        terms.set_embedding(Some(vector));
    }
}

#[cfg(test)]
mod tests {
    use crate::prepare::{prepare, Pending, Prepared};
    use crate::Pipeline;
    use chronicle_model::Event;
    use chronicle_store::{Store, StoreError};
    use std::path::Path;

    /// A dated report as a text file: title, dateline, body.
    fn report(dir: &Path, name: &str, title: &str, date: &str, body: &str) -> String {
        let path = dir.join(name);
        std::fs::write(&path, format!("{title}\n\n{date}\n\n{body}\n")).unwrap();
        path.display().to_string()
    }

    /// Unrelated reports first, so document frequencies tell common words
    /// from rare ones, as in a store that has read for a while.
    fn background(dir: &Path) -> Vec<String> {
        let topics = [
            ("Harvest festival opens in Brindlemoor", "Farmers in Brindlemoor opened the harvest festival with a parade through the old town on Saturday."),
            ("Tram strike halts Castelvar", "Tram drivers in Castelvar walked out over pay on Thursday, halting the city's network for the day."),
            ("Storm floods the coast of Ostrava Bay", "Heavy rain flooded roads along Ostrava Bay overnight on Sunday, and the coast guard rescued two fishermen."),
            ("Museum returns stolen painting", "The national museum of Quellin said on Friday that police had returned a painting stolen in 2019."),
        ];
        topics
            .iter()
            .enumerate()
            .map(|(i, (title, body))| report(dir, &format!("bg{i}.txt"), title, "February 1, 2025", body))
            .collect()
    }

    /// A store in `dir` that has read the unrelated reports.
    fn store_that_has_read(dir: &Path) -> Store {
        let mut store = Store::open(&dir.join("c.db")).unwrap();
        ingest(&mut store, &background(dir));
        store
    }

    fn ingest(store: &mut Store, inputs: &[String]) {
        Pipeline::new().ingest(store, inputs, &mut |_, _| {}).unwrap();
    }

    /// The stored events listing a source read from `input`.
    fn events_citing(store: &Store, input: &str) -> Vec<Event> {
        let events = store.reader().all_events().unwrap();
        events.into_iter().filter(|e| e.sources.iter().any(|s| s.input.as_deref() == Some(input))).collect()
    }

    /// An event read with the encoder keeps the mean of its reports'
    /// title vectors beside its word means; read without, it keeps none
    /// and its word means are the same.
    #[test]
    fn an_event_keeps_its_reports_title_vectors_only_when_read_with_the_encoder() {
        let Some(dir) = chronicle_embed::locate() else {
            println!("skipped: no embedding weights installed (scripts/setup-embeddings)");
            return;
        };
        let encoder = chronicle_embed::SentenceEncoder::open(&dir).unwrap_or_else(|e| panic!("{e}"));
        let stored = |encoder: Option<chronicle_embed::SentenceEncoder>| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("c.db")).unwrap();
            let input = report(
                dir.path(),
                "gazette.txt",
                "Dockworkers walk off the job in Port Kessel",
                "April 6, 2025",
                "Dockworkers in Port Kessel stopped work on Monday over unpaid overtime, leaving ships at anchor.",
            );
            let pipeline = Pipeline::new().with_encoder(encoder);
            pipeline.ingest(&mut store, std::slice::from_ref(&input), &mut |_, _| {}).unwrap();
            let event = events_citing(&store, &input).pop().expect("an event");
            store.write(|w| Ok(w.event_cluster(w.event_seq(&event.id)?.unwrap())?.unwrap())).unwrap()
        };
        let (with, without) = (stored(Some(encoder)), stored(None));
        assert_eq!(with.embedding.len(), 4 * (1 + chronicle_embed::DIMENSIONS), "a weight and one mean vector");
        assert!(without.embedding.is_empty());
        assert_eq!((with.article, with.entities), (without.article, without.entities));
    }

    /// The store and memory homes of the clusterer must find the same
    /// clusters by meaning, or `chronicle cluster` and ingest would part.
    #[test]
    fn the_store_finds_the_same_nearest_clusters_as_memory() {
        use super::StoreClusters;
        use chronicle_events::{ClusterMeans, ClusterState, DenseMean, MemoryClusters, NearestQuery};
        let mean = |v: [f32; 2]| {
            let bytes: Vec<u8> = [1.0f32, v[0], v[1]].iter().flat_map(|x| x.to_le_bytes()).collect();
            DenseMean::from_bytes(&bytes).unwrap()
        };
        let clusters = [
            ("2031-03-01", Some([1.0, 0.0])),
            ("2031-03-08", Some([0.6, 0.8])),
            ("2031-03-09", Some([0.0, 1.0])),
            ("2031-03-09", None),
            ("2031-03-07", Some([0.8, 0.6])),
            ("2031-03-09", Some([0.28, 0.96])),
        ];
        let means: Vec<ClusterMeans> = clusters
            .iter()
            .map(|(day, v)| ClusterMeans {
                latest: day.parse().ok(),
                embedding: v.map(mean).unwrap_or_default(),
                ..ClusterMeans::default()
            })
            .collect();
        let mut memory = MemoryClusters::default();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        for (i, m) in means.iter().enumerate() {
            memory.set_means(i as u64, m.clone()).unwrap();
        }
        for (since, among, k) in [("2031-03-02", 10, 3), ("2031-03-02", 2, 3), ("2031-03-01", 10, 10)] {
            let query = NearestQuery { vector: &[0.0, 1.0], since: since.parse().unwrap(), among, k };
            let stored = store
                .write(|w| {
                    let mut state = StoreClusters::new(w);
                    for (i, m) in means.iter().enumerate() {
                        state.set_means(i as u64, m.clone())?;
                    }
                    state.nearest(&query)
                })
                .unwrap();
            assert_eq!(stored, memory.nearest(&query).unwrap(), "since {since}, among {among}, k {k}");
        }
    }

    /// The clusterer over the store finds by meaning a cluster whose
    /// words share no leading term with the arriving report's, reading the
    /// stored sentence means; without that search the two stay apart.
    #[test]
    fn the_clusterer_over_the_store_finds_a_cluster_by_meaning() {
        use super::StoreClusters;
        use chronicle_events::{ClusterConfig, Clusterer, DocTerms};
        let config = ClusterConfig::default();
        let vector = || Some(vec![0.6, 0.8]);
        let first =
            DocTerms::read("Gunman kills twelve at Vellmoor festival", "", &[], &config).with_embedding(vector());
        let second = DocTerms::read("Deadliest attack on record", "", &[], &config).with_embedding(vector());
        let day = "2031-06-07".parse().ok();
        let clusters_of = |config: ClusterConfig| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("c.db")).unwrap();
            store
                .write(|w| {
                    let mut clusterer = Clusterer::over(config, StoreClusters::new(w));
                    let mut found = Vec::new();
                    for (seq, terms) in [(1, &first), (2, &second)] {
                        let profile = clusterer.profile(terms)?;
                        let choice = clusterer.choose(&profile, day)?;
                        let cluster = choice.cluster().unwrap_or(seq);
                        found.push(cluster);
                        clusterer.join(cluster, profile, day, choice)?;
                    }
                    Ok(found)
                })
                .unwrap()
        };
        assert_eq!(clusters_of(config.clone()), [1, 1], "the second report joins by meaning");
        assert_eq!(clusters_of(ClusterConfig { nearest: 0, ..config }), [1, 2], "no shared word brings it otherwise");
    }

    #[test]
    fn reports_of_one_happening_a_day_apart_become_one_event_with_both_sources() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_that_has_read(dir.path());
        let first = report(
            dir.path(),
            "gazette.txt",
            "Freedonia opens the Harbour Bridge to Vell island",
            "March 3, 2025",
            "The Harbour Bridge linking Port Kessel to the island of Vell opened to traffic on Monday after ten years \
             of building, the Freedonian transport ministry said. Thousands crossed it on foot at the opening led by \
             Prime Minister Ada Voss.",
        );
        let second = report(
            dir.path(),
            "courier.txt",
            "Commuters crowd the new Harbour Bridge",
            "March 4, 2025",
            "A day after its opening, the Harbour Bridge between Port Kessel and Vell island carried its first rush \
             hour of commuters. Prime Minister Ada Voss called the bridge the largest public work in Freedonian history.",
        );
        ingest(&mut store, std::slice::from_ref(&first));
        ingest(&mut store, std::slice::from_ref(&second));
        let joined = events_citing(&store, &second);
        assert_eq!(joined.len(), 1, "{joined:#?}");
        let event = &joined[0];
        let inputs: Vec<_> = event.sources.iter().filter_map(|s| s.input.clone()).collect();
        assert_eq!(inputs, [first.clone(), second], "the event gained the later source");
        assert_eq!(event.date.unwrap().to_string(), "2025-03-03", "the event keeps the day it happened");
        assert_eq!(events_citing(&store, &first).len(), 1, "nothing is duplicated");
    }

    #[test]
    fn similar_but_different_happenings_stay_two_events() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_that_has_read(dir.path());
        let pairs = [
            (
                report(
                    dir.path(),
                    "launch1.txt",
                    "Sylvania fires a ballistic missile over the Gulf of Amber",
                    "April 2, 2025",
                    "Sylvania fired a long-range ballistic missile from its northern coast on Wednesday; it flew for \
                     forty minutes over the Gulf of Amber before falling into the sea, the Marsovian navy said.",
                ),
                report(
                    dir.path(),
                    "launch2.txt",
                    "Sylvania tests a submarine-launched cruise missile near Korvo",
                    "April 9, 2025",
                    "A Sylvanian submarine launched a cruise missile near the port of Korvo on Wednesday, the navy's \
                     first underwater launch, state television showed.",
                ),
            ),
            (
                report(
                    dir.path(),
                    "vote1.txt",
                    "Marsovia re-elects President Lenko Dravic",
                    "May 4, 2025",
                    "Marsovians re-elected President Lenko Dravic for a third term on Sunday, with his Union party \
                     winning 58 percent of the vote, the election commission in Zelgrad said.",
                ),
                report(
                    dir.path(),
                    "vote2.txt",
                    "Latveria's opposition wins the parliamentary election",
                    "May 5, 2025",
                    "The opposition Green Alliance of Irma Castell won a majority in Latveria's parliament in an \
                     election held on Monday, ending twelve years of rule by the Farmers' party.",
                ),
            ),
        ];
        for (a, b) in pairs {
            ingest(&mut store, std::slice::from_ref(&a));
            ingest(&mut store, std::slice::from_ref(&b));
            let (first, second) = (events_citing(&store, &a), events_citing(&store, &b));
            assert!(!first.is_empty() && !second.is_empty());
            assert!(first.iter().all(|e| !second.contains(e)), "{a} and {b} share an event: {second:#?}");
        }
    }

    /// Regression: the clusterer joined a reprisal to the happening it
    /// answered (their reports share nearly every word and name); the
    /// roles reversed on another stated day keep them apart.
    #[test]
    fn a_reprisal_the_next_day_stays_its_own_event() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_that_has_read(dir.path());
        let expelled = report(
            dir.path(),
            "expelled.txt",
            "France expels German diplomats",
            "March 3, 2025",
            "France expelled two German diplomats on Monday, March 3, 2025, the foreign ministry in Paris said.",
        );
        let answer = report(
            dir.path(),
            "answer.txt",
            "Germany expels French diplomats",
            "March 4, 2025",
            "Germany expelled two French diplomats on Tuesday, March 4, 2025, the foreign ministry in Berlin said.",
        );
        ingest(&mut store, std::slice::from_ref(&expelled));
        ingest(&mut store, std::slice::from_ref(&answer));
        let (first, second) = (events_citing(&store, &expelled), events_citing(&store, &answer));
        assert_eq!((first.len(), second.len()), (1, 1));
        assert_ne!(first[0].id, second[0].id, "{second:#?}");
    }

    /// Everything an article teaches the clusterer is written in the
    /// article's transaction: rolled back, nothing of it stays.
    #[test]
    fn a_rolled_back_article_leaves_no_cluster_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = report(
            dir.path(),
            "a.txt",
            "Ferries resume in Port Kessel",
            "May 6, 2025",
            "The ferry crews of Port Kessel returned to work on Tuesday after a week-long strike over pay.",
        );
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let annotator = chronicle_annotate::Annotator::new();
        let Some(Prepared::Article { article, kind, mentions, clustering }) =
            prepare(Pending::Named(Ok(path)), &annotator).pop()
        else {
            panic!("an article");
        };
        assert!(clustering.is_some(), "the article has a main event to cluster");
        let stopped: Result<(), StoreError> = store.write(|w| {
            crate::merge::store_article(w, &article, kind, &mentions, clustering.clone())?;
            assert_eq!(w.reader().clustered()?.1, 1, "the article opened a cluster");
            Err(StoreError::Corrupt("stopped before commit".into()))
        });
        assert!(stopped.is_err());
        assert_eq!(store.reader().clustered().unwrap(), (0, 0, 0));
        assert_eq!(store.reader().count_events().unwrap(), 0);
    }

    /// Re-ingesting the same bytes changes nothing, the clusterer's counts
    /// included.
    #[test]
    fn the_same_bytes_again_count_nothing_twice() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let inputs = background(dir.path());
        ingest(&mut store, &inputs);
        let before = (store.reader().clustered().unwrap(), store.reader().all_events().unwrap());
        assert_eq!(before.0 .0, inputs.len());
        ingest(&mut store, &inputs);
        assert_eq!((store.reader().clustered().unwrap(), store.reader().all_events().unwrap()), before);
    }
}
