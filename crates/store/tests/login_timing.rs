//! A failed login takes about as long whether or not the name exists: unknown and disabled
//! users pay for a password check against a decoy hash, so timing does not enumerate users.

use std::path::Path;
use std::time::{Duration, Instant};

use tahawul_store::{NewUser, Role, SqliteStore, StoreOptions, prelude::*};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_login_takes_as_long_for_an_unknown_name_as_for_a_known_one() {
    let dir = tempfile::tempdir().unwrap();
    // The real hasher parameters: the property is about production timing.
    let store = SqliteStore::open(&dir.path().join("t.db"), StoreOptions::default()).await.unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/tests/bundles/mini");
    store.import_case(&tahawul_domain::load(&root).unwrap(), "test").await.unwrap();
    let user = NewUser {
        name: "known".into(),
        display_name: "Known".into(),
        role: Role::Auditor,
        party: None,
        factor: None,
        password: "a-long-enough-password".into(),
    };
    store.create_user(user, "test").await.unwrap();
    let (mut known, mut unknown) = (vec![], vec![]);
    for _ in 0..5 {
        let t = Instant::now();
        assert!(store.verify_password("known", "wrong-password-here").await.unwrap().is_none());
        known.push(t.elapsed());
        let t = Instant::now();
        assert!(store.verify_password("nobody", "wrong-password-here").await.unwrap().is_none());
        unknown.push(t.elapsed());
    }
    let (k, u) = (median(known), median(unknown));
    // Without the decoy an unknown name returns after one lookup, tens of times faster.
    assert!(
        u.as_secs_f64() >= 0.3 * k.as_secs_f64(),
        "unknown name answered in {u:?}, known in {k:?}: timing tells them apart"
    );
    assert!(
        store.verify_password("known", "a-long-enough-password").await.unwrap().is_some(),
        "the right password still works"
    );
}
