package org.careledger.query.inspector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** What changed between two JSON trees: one entry per changed leaf or list, with a JSON-pointer path. */
final class JsonDiff {

    record Change(String path, JsonNode before, JsonNode after) {
    }

    private JsonDiff() {
    }

    static List<Change> between(JsonNode before, JsonNode after, List<String> ignored) {
        List<Change> changes = new ArrayList<>();
        walk("", before == null ? NullNode.getInstance() : before, after == null ? NullNode.getInstance() : after,
                ignored, changes);
        return changes;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> ignored, List<Change> out) {
        if (ignored.contains(path) || a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> fields = new TreeSet<>();
            a.fieldNames().forEachRemaining(fields::add);
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
            for (String f : fields) {
                walk(path + "/" + f.replace("~", "~0").replace("/", "~1"), node(a.get(f)), node(b.get(f)), ignored, out);
            }
            return;
        }
        out.add(new Change(path.isEmpty() ? "/" : path, a, b));
    }

    private static JsonNode node(JsonNode n) {
        return n == null ? NullNode.getInstance() : n;
    }
}
