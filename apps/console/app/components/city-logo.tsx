/** The city's logo: its SVG as an image, so markup inside it can never run. */
export function CityLogo({ svg, alt, size = 48 }: { svg: string; alt: string; size?: number }) {
  return <img className="city-logo" src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`} alt={alt} width={size} height={size} />;
}
