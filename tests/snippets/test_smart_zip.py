"""Claims of docs/smart-zip.md, checked on the snippets' results."""

PAGE = "smart-zip"


def test_log_loss_is_the_file_size(snippet):
    r = snippet(f"{PAGE}/log-loss-is-file-size").results
    assert abs(r["relative_gap"]) < 0.01  # the 1%
    assert r["actual_bits"] >= r["predicted_bits"]  # a coder cannot beat the model
    assert r["largest_running_gap_bits"] < 0.01  # "a hundredth of a bit"
    assert r["actual_bits"] == 8 * round(r["actual_bits"] / 8)
    assert r["bits_per_byte"] < 4  # it does compress
    assert 0 < r["header_bytes"] < 40


def test_classifier_keeps_few_bits(snippet):
    r = snippet(f"{PAGE}/classifier-keeps-few-bits").results
    assert r["accuracy"] >= 0.9
    assert r["label_bits"] == 2.0
    assert r["answer_entropy_bits"] <= r["label_bits"] + 1e-12
    assert r["xz_bits"] > 100 * r["label_bits"]
    assert r["xz_bits"] > 1000  # "over a thousand bits each"
    assert 1200 < r["xz_bits"] < 1320  # the alt text: "about 1,260"
    assert r["xz_bits"] < r["raw_bits"] == 2048


def test_model_size_counts(snippet):
    r = snippet(f"{PAGE}/model-size-counts").results
    data, table, total = r["data_bpb"], r["table_bpb"], r["total_bpb"]
    # longer contexts: the data gets cheaper, the table dearer
    assert all(a > b for a, b in zip(data, data[1:]))
    assert all(a < b for a, b in zip(table, table[1:]))
    assert 0 < r["best_order"] < r["longest_order"]
    assert abs(r["best_total_bpb"] - min(total)) < 1e-4  # the lists are rounded
    assert r["longest_table_bpb"] > r["order0_data_bpb"]
    # learning as it reads beats the two-part code at every long context
    assert all(o < t for o, t in zip(r["online_bpb"][3:], total[3:]))
