curl -X PUT 'https://console.example.com/vpcep/v1/2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a/vpc-endpoint-services/4189d3c2-8882-4871-a3c2-d380272eed83' \
  -H 'Accept: application/json' \
  -H "X-Auth-Token: $TOKEN" \
  -H 'Content-Type: application/json' \
  --data-raw '{"description":""}'