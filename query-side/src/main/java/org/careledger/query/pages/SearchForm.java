package org.careledger.query.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;

/**
 * The search page's form as submitted, bound from the query string by name: blank fields are null
 * (others stripped), and the vacancy box is ticked ("true") only when it came as "true". It is echoed
 * back into the form and into the links to other pages of results. Values go to the public search as
 * they are, which validates them; only the two numbers the page itself parses (radius, page) are
 * checked here.
 */
public record SearchForm(String division, String type, String puhui, String classType, String serviceType,
                         String hasVacancy, String q, String near, String radiusKm, String page) {

    public SearchForm {
        division = blankToNull(division);
        type = blankToNull(type);
        puhui = blankToNull(puhui);
        classType = blankToNull(classType);
        serviceType = blankToNull(serviceType);
        hasVacancy = "true".equals(hasVacancy) ? "true" : null;
        q = blankToNull(q);
        near = blankToNull(near);
        radiusKm = blankToNull(radiusKm);
        page = blankToNull(page);
    }

    /** 普惠 as the search takes it: "true", "false" or any (null). */
    public Boolean puhuiFilter() {
        return puhui == null ? null : Boolean.valueOf("true".equals(puhui));
    }

    /** Only institutions with vacancies (true), or any (null). */
    public Boolean vacancyFilter() {
        return hasVacancy == null ? null : Boolean.TRUE;
    }

    Double parseRadius(List<String> problems) {
        if (radiusKm == null) {
            return near == null ? null : 5.0;
        }
        try {
            return Double.valueOf(radiusKm);
        } catch (NumberFormatException e) {
            problems.add("范围应为公里数，例如 5。");
            return null;
        }
    }

    Integer parsePage(List<String> problems) {
        if (page == null) {
            return 0;
        }
        try {
            return Integer.valueOf(page);
        } catch (NumberFormatException e) {
            problems.add("页码应为数字。");
            return null;
        }
    }

    /** The link to page {@code p} of the same search. */
    public String href(int p) {
        StringJoiner query = new StringJoiner("&", "/?", "");
        add(query, "q", q);
        add(query, "division", division);
        add(query, "type", type);
        add(query, "puhui", puhui);
        add(query, "classType", classType);
        add(query, "serviceType", serviceType);
        add(query, "hasVacancy", hasVacancy);
        add(query, "near", near);
        add(query, "radiusKm", radiusKm);
        add(query, "page", Integer.toString(p));
        return query.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
