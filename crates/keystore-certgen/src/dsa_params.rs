//! DSA domain parameters for the sizes keytool generates by default (1024/160, 2048/224, 3072/256).
//!
//! keytool uses fixed, precomputed parameters per size; generating fresh ones takes seconds to
//! minutes (2048 bits: 1-9 s, 3072 bits: 40-110 s on a shared 2-core machine), so these were
//! generated once for this crate with RustCrypto `dsa` 0.7
//! (`Components::try_generate_from_rng_with_key_size`: random primes q and p = 1 mod 2q, generator
//! by FIPS 186-4 A.2.1) and are checked by the unit tests in `key.rs` (p and q prime, q divides
//! p - 1, g of order q). They are public values that every key of a size shares, as with keytool.

/// L = 1024, N = 160: (p, q, g) as big-endian hex.
pub(crate) const DSA_1024_160: (&str, &str, &str) = (
    concat!(
        "bf6eed153fd444241b9a2a42b0634c34b25b69f3aa77fee7181148d5123afba4",
        "31e64a3e0b54eb96ae325b69c9393bb6b8ffe96ae3483d54e25a04eb4bb01567",
        "606afc346878a447859b237ca4e985f815d5e198006dfd5434efbe8eedf26bdb",
        "bc9c756ae971c4f55b7b6c168dc40eb68bd549107b6a8094ade3f3e5662911f3",
    ),
    "a7ff22a9aa54070fe02115e4d11a8e7e489dc1e1",
    concat!(
        "123d396ae39393816fdb394f26f142426468b94362d0f4f2326bb97dfe33d866",
        "cb93d6c8ca1e2d62c72c891d13e2e98f2efebf6a549adcca6e8c793d43d07217",
        "650f4b0ca1a7cdae084a2479cce454db1e9a6ac89bb89e61f79f307232129a69",
        "76147c13ab5ff313ebf17887e884005cf56ca5865a15b244b2bad4261d3426fd",
    ),
);

/// L = 2048, N = 224: (p, q, g) as big-endian hex.
pub(crate) const DSA_2048_224: (&str, &str, &str) = (
    concat!(
        "bf38225746c3d04035a3dd481788f5f8dfa1b3e4c244976e092ef697dd2c41f6",
        "c5c519cb1bd196f01cea6f28054172f51594b10e7a0c7bb4c8edd523a06a3763",
        "f25aaef8b5e289ef9e476759de3a7982b80471341149b7f2a3b18bcac309579d",
        "389b17288d7de457695f10058518438015183539aeab5935a780de525e4f692a",
        "c064b891ddbbe96a783adf7aa007687b8fa76c5f4e5f5556c155aa9e75773f9e",
        "87d69d6f1a1f677a014be2affb29fc359e19bc3560993a7a92515801520721df",
        "72bd028d398859133427555d3517cf103975e26faa13a7500ab95cd903956597",
        "8fc63be9bd1994bcf23b28f5ea882a649f89b22274e68d95ecd0771ac918c927",
    ),
    "8783f6acc181b395ff4d618932022ee0ac85c47c2135d5c33a1c7903",
    concat!(
        "74f9ec5e3c2f63b256939d2b9f533f295bb6d6a893681c1a0eb5ef742291bca3",
        "e6740ac8354002c00d396e9ac5c24db4419f974d11002f433e882dbe58cb0bbe",
        "2377a0e2055d295f3c1b72b83ccf5d2ab0c9e10af7ca826c755f9dbc7ec92026",
        "3261ec30bc8be9879def3fd0b27f8c6f3ffba665ed0f8571f9a94084e5e15d1b",
        "a7273424138fe730d6970468baaadf69833fb714c9c952a35908788404513483",
        "46e05511b1a591559adc99ef9dacbdbf15b82a04f14ca55a1be8ddd66ae77381",
        "19731b8669c33c529c71018b604da0b2dcc9c48c79a18af7568daac3553155b4",
        "96a763e4811fc821e3bc0b30d09bcc9945996609473af124bef7ea1dc9800349",
    ),
);

/// L = 3072, N = 256: (p, q, g) as big-endian hex.
pub(crate) const DSA_3072_256: (&str, &str, &str) = (
    concat!(
        "e206cc27beb25230bf103b7b8ba6c45925eb5af2a3033016c0efb58ff05d6385",
        "8337eacab29c3392b123c332863fa73ca50c1caa8b5239bfd6f959014639ff6e",
        "de50dbc4d91042a971d684686b06b27c1ec0bcf61b1a29c67c4d004c1a1b7dd1",
        "8281736b3b8225306bc1962adb658590744ea187193d2d783c06739b20433846",
        "23ad0f2bdeb3508d271fd2a8c5babcdba51cd58b61f00f2564eed8dfa484ed66",
        "73a588488b255be74b853a2f4c844fbbd851406313c929ae16130d7bba28374f",
        "3eb8164c7f3bba63bc1fafaa458f238edbdaa5af7c18b5cdc43b8e5c1d6aea24",
        "871c000878ed849c4f395bbe19ec0c6c03e088adfe64ab9ebd9a1d85a06a111e",
        "d1fa4ec371db3bfa13d594e3f2bb728dd056c944baff08699e3186dc64f5246d",
        "99272e2ec61cf44a09f97b5d83260beb4001be99ca9cc472756363dbe6d99948",
        "57a952fbf7a96b35ff5cdf62640ae978bc6c514585fe64c8237dcfd968215fbb",
        "5d17c134b3d613c7e94cb7d7e65eba5262aa98597d69e7a24374f40317384a93",
    ),
    "d22cc338ee1a02b86a598822055691ead8fc7032c2426a828c142cdcd22e0fab",
    concat!(
        "8ca02c43ad2ac63a49f87540d99de3aaabccf5a81d35c2431f1bfa5a3f774197",
        "71e308f2ff4d1501449ad41bdca3b45563c72ff9942142e7f3fc1d4a730c58be",
        "f578732615a3b876834c518296fa244e35072d85f462ab8e66c0b4f5d743eae2",
        "ffc0c838cf4f4db6ecaa9bc1d6392b45ea948e6a8485483912148106d6f7b8e1",
        "cc1a1d1d75ce8c1640661dc4d952e9bc54a167f53b0dff3306c2941f2bde9301",
        "9841a4e4aba72c64ecbd5db337a8c0bdca9760be6bb685f3ae8d447b9d835b90",
        "3fc2cc4fb2d64c763e75440100f85869c0fc0690a256c78d63b71b27a23cbf77",
        "933abfd458d73307f720cc2f801fdcd7b62672d8c6e97343d71b7b7677b5b2f5",
        "c79bab51dc0778f364186bfea4bfa5d5d68d016c53f7343e2db31a63c6fbc959",
        "5c2c49f3b87d846630a615780584f07ebf5dfe90967fd8a3070b9bb04874ed6c",
        "6a0112914c6e5eb8f938be7dc54a9a8c632faf100c019681237e7a47c2b8268e",
        "b7f635ca042ef7790f2f948ecb23267e44f3970668f366832e91df4f4b052d98",
    ),
);
