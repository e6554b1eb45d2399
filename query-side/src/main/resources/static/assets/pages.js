// Progressive enhancement of the public search page: "use my location" fills the position field
// from the browser's location (only when the user allows it) and submits the search. The page
// works without this file; the position is sent only with the search and never stored.
(function () {
  'use strict';
  var button = document.getElementById('locate');
  var near = document.getElementById('near');
  var status = document.getElementById('locate-status');
  if (!button || !near || !('geolocation' in navigator)) {
    return;
  }
  button.hidden = false;
  button.addEventListener('click', function () {
    status.textContent = '正在获取位置…';
    navigator.geolocation.getCurrentPosition(function (position) {
      near.value = position.coords.latitude.toFixed(5) + ',' + position.coords.longitude.toFixed(5);
      status.textContent = '已获取位置，正在查询附近的机构。';
      near.form.submit();
    }, function () {
      status.textContent = '无法获取位置（未允许或不可用）。可以直接填写坐标。';
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
  });
}());
